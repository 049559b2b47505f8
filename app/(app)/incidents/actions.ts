"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { setChecklistItemDone } from "@/lib/checklists/service";
import { ZStakeholderUpdate } from "@/lib/communications/schema";
import { publishStakeholderUpdate } from "@/lib/communications/service";
import { ZSloImpactLink } from "@/lib/slo/schema";
import { recordSloImpact, removeSloImpact } from "@/lib/slo/service";
import { ZIncidentDeclare, ZIncidentRole, ZIncidentUpdate, ZNoteBody, ZRoleAssign, ZTimelineEntryId } from "@/lib/incidents/schema";
import {
  acknowledgeIncident,
  acknowledgeRoleHandoff,
  addIncidentNote,
  assignIncidentRole,
  declareIncident,
  editIncidentNote,
  markKeyEvent,
  releaseIncidentRole,
  updateIncident,
} from "@/lib/incidents/service";

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};

export async function declareIncidentAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  let number: number | undefined;
  const result = await runAction(async () => {
    const actor = await requireUser();
    const input = parseForm(ZIncidentDeclare, {
      title: text(formData, "title"),
      severity: text(formData, "severity"),
      serviceIds: formData.getAll("serviceIds").filter((value) => typeof value === "string"),
      summary: text(formData, "summary") ?? "",
      startedAt: text(formData, "startedAt") || undefined,
    });
    number = (await declareIncident(actor, input)).number;
  });
  if (number !== undefined) {
    revalidatePath("/incidents");
    redirect(`/incidents/INC-${number}`);
  }
  return result;
}

const ZRecordId = z.string().min(1);

export async function updateIncidentAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = parseForm(ZRecordId, text(formData, "incidentId"));
    const fields: Record<string, unknown> = Object.fromEntries(
      ["status", "severity", "title", "summary"].flatMap((name) => (formData.has(name) ? [[name, text(formData, name)]] : [])),
    );
    // Checkboxes send nothing when none is ticked, so the form marks that it edits services.
    if (formData.has("servicesEdited")) fields.serviceIds = formData.getAll("serviceIds").filter((value) => typeof value === "string");
    await updateIncident(actor, incidentId, parseForm(ZIncidentUpdate, fields));
    revalidatePath("/incidents", "layout");
  });
}

export async function assignRoleAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = parseForm(ZRecordId, text(formData, "incidentId"));
    await assignIncidentRole(actor, incidentId, parseForm(ZRoleAssign, { role: text(formData, "role"), userId: text(formData, "userId") }));
    revalidatePath("/incidents", "layout");
  });
}

export async function releaseRoleAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = parseForm(ZRecordId, text(formData, "incidentId"));
    await releaseIncidentRole(actor, incidentId, parseForm(ZIncidentRole, text(formData, "role")));
    revalidatePath("/incidents", "layout");
  });
}

export async function addNoteAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = parseForm(ZRecordId, text(formData, "incidentId"));
    const { body } = parseForm(ZNoteBody, { body: text(formData, "body") });
    await addIncidentNote(actor, incidentId, body);
    revalidatePath("/incidents", "layout");
  });
}

export async function editNoteAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = parseForm(ZRecordId, text(formData, "incidentId"));
    const entryId = parseForm(ZTimelineEntryId, text(formData, "entryId"));
    const { body } = parseForm(ZNoteBody, { body: text(formData, "body") });
    await editIncidentNote(actor, incidentId, entryId, body);
    revalidatePath("/incidents", "layout");
  });
}

export async function acknowledgeIncidentAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await acknowledgeIncident(actor, parseForm(ZRecordId, text(formData, "incidentId")));
    revalidatePath("/incidents", "layout");
  });
}

export async function acknowledgeHandoffAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = parseForm(ZRecordId, text(formData, "incidentId"));
    await acknowledgeRoleHandoff(actor, incidentId, parseForm(ZIncidentRole, text(formData, "role")));
    revalidatePath("/incidents", "layout");
  });
}

export async function markKeyEventAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = parseForm(ZRecordId, text(formData, "incidentId"));
    const entryId = parseForm(ZTimelineEntryId, text(formData, "entryId"));
    await markKeyEvent(actor, incidentId, entryId, text(formData, "keyEvent") === "true");
    revalidatePath("/incidents", "layout");
  });
}

export async function publishUpdateAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = parseForm(ZRecordId, text(formData, "incidentId"));
    const update = parseForm(ZStakeholderUpdate, {
      status: text(formData, "status"),
      impact: text(formData, "impact"),
      message: text(formData, "message"),
      nextUpdateInMinutes: text(formData, "nextUpdateInMinutes"),
    });
    await publishStakeholderUpdate(actor, incidentId, update);
    revalidatePath("/incidents", "layout");
  });
}

export async function setChecklistItemAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = parseForm(ZRecordId, text(formData, "incidentId"));
    await setChecklistItemDone(actor, incidentId, parseForm(ZRecordId, text(formData, "itemId")), text(formData, "done") === "true");
    revalidatePath("/incidents", "layout");
  });
}

export async function recordSloImpactAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = parseForm(ZRecordId, text(formData, "incidentId"));
    await recordSloImpact(actor, incidentId, parseForm(ZSloImpactLink, { sloId: text(formData, "sloId"), impact: text(formData, "impact") }));
    revalidatePath("/incidents", "layout");
  });
}

export async function removeSloImpactAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await removeSloImpact(actor, parseForm(ZRecordId, text(formData, "incidentId")), parseForm(ZRecordId, text(formData, "sloId")));
    revalidatePath("/incidents", "layout");
  });
}
