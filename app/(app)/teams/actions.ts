"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { regenerateScheduleFeed, regenerateUserFeed } from "@/lib/oncall/feeds";
import { feedUrl } from "@/lib/oncall/feed-url";
import { ZLayerCreate, ZOverrideCreate, ZRotationCreate, ZScheduleCreate, ZTeamCreate, ZTeamUpdate } from "@/lib/oncall/schema";
import { addLayer, createOverride, createRotation, createSchedule, createTeam, deleteOverride, removeLayer, updateTeam } from "@/lib/oncall/service";

const text = (formData: FormData, name: string) => String(formData.get(name) ?? "").trim();
const ids = (formData: FormData, name: string) => formData.getAll(name).map(String).filter(Boolean);

function done() {
  revalidatePath("/teams", "layout");
}

export async function createTeamAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const slug = text(formData, "slug");
    await createTeam(actor, parseForm(ZTeamCreate, { name: text(formData, "name"), slug: slug || undefined, timeZone: text(formData, "timeZone"), memberIds: ids(formData, "memberIds") }));
    done();
  });
}

export async function updateTeamAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const field = text(formData, "field");
    const input = field === "services" ? { serviceIds: ids(formData, "serviceIds") } : { memberIds: ids(formData, "memberIds") };
    await updateTeam(actor, text(formData, "teamId"), parseForm(ZTeamUpdate, input));
    done();
    revalidatePath("/services", "layout");
  });
}

export async function createRotationAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const shiftHours = text(formData, "shiftHours");
    const members = [...formData.keys()].filter((key) => key.startsWith("member-")).sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
    await createRotation(
      actor,
      parseForm(ZRotationCreate, {
        teamId: text(formData, "teamId"),
        name: text(formData, "name"),
        timeZone: text(formData, "timeZone") || undefined,
        startDate: text(formData, "startDate"),
        handoffTime: text(formData, "handoffTime"),
        shiftLength: text(formData, "shiftLength"),
        shiftHours: text(formData, "shiftLength") === "custom" && shiftHours ? Number(shiftHours) : undefined,
        memberIds: members.map((key) => text(formData, key)).filter(Boolean),
      }),
    );
    done();
  });
}

export async function createScheduleAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await createSchedule(actor, parseForm(ZScheduleCreate, { teamId: text(formData, "teamId"), name: text(formData, "name") }));
    done();
  });
}

export async function addLayerAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const days = ids(formData, "days").map(Number);
    const restrictions = days.length > 0 ? [{ days, from: text(formData, "from"), to: text(formData, "to") }] : [];
    await addLayer(
      actor,
      text(formData, "scheduleId"),
      parseForm(ZLayerCreate, { rotationId: text(formData, "rotationId"), name: text(formData, "name"), restrictionZone: text(formData, "restrictionZone") || undefined, restrictions }),
    );
    done();
  });
}

export async function removeLayerAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await removeLayer(actor, text(formData, "scheduleId"), text(formData, "layerId"));
    done();
  });
}

export async function createOverrideAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await createOverride(
      actor,
      text(formData, "scheduleId"),
      parseForm(ZOverrideCreate, {
        kind: text(formData, "kind"),
        userId: text(formData, "userId") || null,
        replacesUserId: text(formData, "replacesUserId") || null,
        startsAt: text(formData, "startsAt"),
        endsAt: text(formData, "endsAt"),
        note: text(formData, "note"),
      }),
    );
    done();
  });
}

export async function deleteOverrideAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await deleteOverride(actor, text(formData, "scheduleId"), text(formData, "overrideId"));
    done();
  });
}

export async function myFeedAction(): Promise<TActionState> {
  return runAction(async () => ({ ok: true, secret: feedUrl(await regenerateUserFeed(await requireUser())) }));
}

export async function scheduleFeedAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => ({ ok: true, secret: feedUrl(await regenerateScheduleFeed(await requireUser(), text(formData, "scheduleId"))) }));
}
