"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { formCheckbox, formList, formRecordId, formText } from "@/lib/http/form-fields";
import { declarePaging } from "@/lib/escalation/start";
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

export async function declareIncidentAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  let number: number | undefined;
  const result = await runAction(async () => {
    const actor = await requireUser();
    const input = parseForm(ZIncidentDeclare, {
      title: formText(formData, "title"),
      severity: formText(formData, "severity"),
      serviceIds: formList(formData, "serviceIds"),
      summary: formText(formData, "summary") ?? "",
      startedAt: formText(formData, "startedAt") || undefined,
      pageOnCall: formCheckbox(formData, "pageOnCall"),
    });
    number = (await declareIncident(actor, input, new Date(), declarePaging)).number;
  });
  if (number !== undefined) {
    revalidatePath("/incidents");
    redirect(`/incidents/INC-${number}`);
  }
  return result;
}

export async function updateIncidentAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = formRecordId(formData, "incidentId");
    const fields: Record<string, unknown> = Object.fromEntries(
      ["status", "severity", "title", "summary"].flatMap((name) => (formData.has(name) ? [[name, formText(formData, name)]] : [])),
    );
    // Checkboxes send nothing when none is ticked, so the form marks that it edits services.
    if (formData.has("servicesEdited")) fields.serviceIds = formList(formData, "serviceIds");
    await updateIncident(actor, incidentId, parseForm(ZIncidentUpdate, fields));
    revalidatePath("/incidents", "layout");
  });
}

export async function assignRoleAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = formRecordId(formData, "incidentId");
    await assignIncidentRole(actor, incidentId, parseForm(ZRoleAssign, { role: formText(formData, "role"), userId: formText(formData, "userId") }));
    revalidatePath("/incidents", "layout");
  });
}

export async function releaseRoleAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = formRecordId(formData, "incidentId");
    await releaseIncidentRole(actor, incidentId, parseForm(ZIncidentRole, formText(formData, "role")));
    revalidatePath("/incidents", "layout");
  });
}

export async function addNoteAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = formRecordId(formData, "incidentId");
    const { body } = parseForm(ZNoteBody, { body: formText(formData, "body") });
    await addIncidentNote(actor, incidentId, body);
    revalidatePath("/incidents", "layout");
  });
}

export async function editNoteAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = formRecordId(formData, "incidentId");
    const entryId = parseForm(ZTimelineEntryId, formText(formData, "entryId"));
    const { body } = parseForm(ZNoteBody, { body: formText(formData, "body") });
    await editIncidentNote(actor, incidentId, entryId, body);
    revalidatePath("/incidents", "layout");
  });
}

export async function acknowledgeIncidentAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await acknowledgeIncident(actor, formRecordId(formData, "incidentId"));
    revalidatePath("/incidents", "layout");
  });
}

export async function acknowledgeHandoffAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = formRecordId(formData, "incidentId");
    await acknowledgeRoleHandoff(actor, incidentId, parseForm(ZIncidentRole, formText(formData, "role")));
    revalidatePath("/incidents", "layout");
  });
}

export async function markKeyEventAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = formRecordId(formData, "incidentId");
    const entryId = parseForm(ZTimelineEntryId, formText(formData, "entryId"));
    await markKeyEvent(actor, incidentId, entryId, formCheckbox(formData, "keyEvent"));
    revalidatePath("/incidents", "layout");
  });
}

export async function publishUpdateAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = formRecordId(formData, "incidentId");
    const update = parseForm(ZStakeholderUpdate, {
      status: formText(formData, "status"),
      impact: formText(formData, "impact"),
      message: formText(formData, "message"),
      nextUpdateInMinutes: formText(formData, "nextUpdateInMinutes"),
    });
    await publishStakeholderUpdate(actor, incidentId, update);
    revalidatePath("/incidents", "layout");
  });
}

export async function setChecklistItemAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = formRecordId(formData, "incidentId");
    await setChecklistItemDone(actor, incidentId, formRecordId(formData, "itemId"), formCheckbox(formData, "done"));
    revalidatePath("/incidents", "layout");
  });
}

export async function recordSloImpactAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const incidentId = formRecordId(formData, "incidentId");
    await recordSloImpact(actor, incidentId, parseForm(ZSloImpactLink, { sloId: formText(formData, "sloId"), impact: formText(formData, "impact") }));
    revalidatePath("/incidents", "layout");
  });
}

export async function removeSloImpactAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await removeSloImpact(actor, formRecordId(formData, "incidentId"), formRecordId(formData, "sloId"));
    revalidatePath("/incidents", "layout");
  });
}
