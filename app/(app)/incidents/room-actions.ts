"use server";

import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { ZIncidentUpdate, ZNoteBody, ZTimelineEntryId } from "@/lib/incidents/schema";
import { addIncidentNote, editIncidentNote, markKeyEvent, updateIncident } from "@/lib/incidents/service";

// The room's live controls call these directly. Unlike the form actions in actions.ts they do not
// re-render the page: the change reaches every open room, the author's included, as a live event
// that the page applies to what it shows, so a note on a 1,000-entry incident costs one entry, not a page.

const ZRecordId = z.string().min(1).max(100);

/** Status or severity from the room's header, from the values the header showed (compare-and-set). */
export async function changeIncidentAction(incidentId: string, change: Record<string, unknown>): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await updateIncident(actor, parseForm(ZRecordId, incidentId), parseForm(ZIncidentUpdate, change));
  });
}

export async function postNoteAction(incidentId: string, body: string): Promise<TActionState & { entryId?: string }> {
  let entryId: string | undefined;
  const result = await runAction(async () => {
    const actor = await requireUser();
    const note = parseForm(ZNoteBody, { body });
    entryId = (await addIncidentNote(actor, parseForm(ZRecordId, incidentId), note.body)).id.toString();
  });
  return { ...result, entryId };
}

export async function editNoteInFeedAction(incidentId: string, entryId: string, body: string): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const note = parseForm(ZNoteBody, { body });
    await editIncidentNote(actor, parseForm(ZRecordId, incidentId), parseForm(ZTimelineEntryId, entryId), note.body);
  });
}

export async function markKeyEventInFeedAction(incidentId: string, entryId: string, keyEvent: boolean): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await markKeyEvent(actor, parseForm(ZRecordId, incidentId), parseForm(ZTimelineEntryId, entryId), parseForm(z.boolean(), keyEvent));
  });
}
