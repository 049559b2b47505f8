"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { formCheckbox, formList, formOptionalText, formRecordId, formText } from "@/lib/http/form-fields";
import { declarePaging } from "@/lib/escalation/start";
import { setChecklistItemDone } from "@/lib/checklists/service";
import { ZIncidentResolution, ZStakeholderUpdate } from "@/lib/communications/schema";
import { publishStakeholderUpdate, resolveIncident } from "@/lib/communications/service";
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
import { takeCommand } from "@/lib/incidents/take-command";

/**
 * An action on a room's status, severity or roles. The room re-renders after it also when it was
 * refused for a stale value, so that the page shows what the change was refused against.
 */
async function roomChange(work: () => Promise<void>): Promise<TActionState> {
  const result = await runAction(work);
  revalidatePath("/incidents", "layout");
  return result;
}

/** The value a control showed when its form was sent (compare-and-set); blank: not sent. */
const seen = (formData: FormData, name: string) => formText(formData, name) || undefined;

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
  return roomChange(async () => {
    const actor = await requireUser();
    const incidentId = formRecordId(formData, "incidentId");
    const fields: Record<string, unknown> = Object.fromEntries(
      ["status", "severity", "title", "summary"].flatMap((name) => (formData.has(name) ? [[name, formText(formData, name)]] : [])),
    );
    // Checkboxes send nothing when none is ticked, so the form marks that it edits services.
    if (formData.has("servicesEdited")) fields.serviceIds = formList(formData, "serviceIds");
    fields.expectedStatus = seen(formData, "expectedStatus");
    fields.expectedSeverity = seen(formData, "expectedSeverity");
    await updateIncident(actor, incidentId, parseForm(ZIncidentUpdate, fields));
  });
}

export async function resolveIncidentAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return roomChange(async () => {
    const actor = await requireUser();
    const incidentId = formRecordId(formData, "incidentId");
    const resolution = parseForm(ZIncidentResolution, {
      summary: formText(formData, "summary"),
      expectedStatus: seen(formData, "expectedStatus"),
      finalUpdateImpact: formCheckbox(formData, "finalUpdate") ? formText(formData, "impact") : undefined,
    });
    await resolveIncident(actor, incidentId, resolution);
  });
}

export async function takeCommandAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return roomChange(async () => {
    const actor = await requireUser();
    await takeCommand(actor, formRecordId(formData, "incidentId"));
  });
}

/** The holder the role's form showed: an id, or blank for nobody (null); missing: not checked. */
const seenHolder = (formData: FormData) => (formData.has("expectedHolderId") ? formOptionalText(formData, "expectedHolderId") : undefined);

export async function assignRoleAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return roomChange(async () => {
    const actor = await requireUser();
    const incidentId = formRecordId(formData, "incidentId");
    const assignment = parseForm(ZRoleAssign, { role: formText(formData, "role"), userId: formText(formData, "userId"), expectedHolderId: seenHolder(formData) });
    await assignIncidentRole(actor, incidentId, assignment);
  });
}

export async function releaseRoleAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return roomChange(async () => {
    const actor = await requireUser();
    const incidentId = formRecordId(formData, "incidentId");
    await releaseIncidentRole(actor, incidentId, parseForm(ZIncidentRole, formText(formData, "role")), new Date(), seenHolder(formData) ?? undefined);
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
