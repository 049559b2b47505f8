"use server";

import { revalidatePath } from "next/cache";
import { assertCan } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { getTranslator } from "@/lib/i18n/server";
import { TARGET_SCHEMAS, targetFromForm } from "@/lib/notifications/schema";
import { regenerateScheduleFeed, regenerateUserFeed } from "@/lib/oncall/feeds";
import { feedUrl } from "@/lib/oncall/feed-url";
import { MAX_TEAM_CHANNELS, TEAM_CHANNEL_KINDS, ZLayerCreate, ZOverrideCreate, ZRotationCreate, ZScheduleCreate, ZScheduleUpdate, ZTeamCreate, ZTeamUpdate, type TTeamChannelKind } from "@/lib/oncall/schema";
import { addLayer, createOverride, createRotation, createSchedule, createTeam, deleteOverride, removeLayer, updateSchedule, updateTeam } from "@/lib/oncall/service";
import { addTeamChannel, listTeamChannels, removeTeamChannel } from "@/lib/oncall/team-channels";

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

/**
 * Adds a chat channel to a team from the team page's one address field. The fields people can get
 * wrong are checked here first so the form says what is wrong in the page's language.
 */
export async function addTeamChannelAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  const { t } = await getTranslator();
  return runAction(async () => {
    const actor = await requireUser();
    assertCan(actor, "oncall:manage");
    const teamId = text(formData, "teamId");
    const kind = text(formData, "kind");
    const label = text(formData, "label");
    if (!(TEAM_CHANNEL_KINDS as readonly string[]).includes(kind)) return { error: t("oncall.channels.invalidKind") };
    if (label.length === 0 || label.length > 100) return { error: t("oncall.channels.labelRequired") };
    const target = targetFromForm(kind as TTeamChannelKind, text(formData, "address"), "");
    if (!TARGET_SCHEMAS[kind as TTeamChannelKind].safeParse(target).success) return { error: t(`oncall.channels.invalid.${kind as "slack" | "chatwork" | "ntfy"}`) };
    if ((await listTeamChannels(teamId)).length >= MAX_TEAM_CHANNELS) return { error: t("oncall.channels.tooMany", { max: MAX_TEAM_CHANNELS }) };
    await addTeamChannel(actor, teamId, { kind: kind as TTeamChannelKind, label, target, locale: text(formData, "locale") === "ja" ? "ja" : "en" });
    done();
  });
}

export async function removeTeamChannelAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await removeTeamChannel(actor, text(formData, "teamId"), text(formData, "channelId"));
    done();
  });
}

export async function updateScheduleAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  const { t } = await getTranslator();
  return runAction(async () => {
    const actor = await requireUser();
    const parsed = ZScheduleUpdate.safeParse({ reminderMinutes: text(formData, "reminderMinutes") || "x" });
    if (!parsed.success) return { error: t("oncall.reminder.invalid") };
    await updateSchedule(actor, text(formData, "scheduleId"), parsed.data);
    done();
  });
}
