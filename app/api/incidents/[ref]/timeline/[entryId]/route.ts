import { apiRoute, json, parseInput, readJson, requireApiActor } from "@/lib/http/api";
import { requireIncidentId } from "@/lib/incidents/queries";
import { ZNoteBody, ZTimelineEntryId } from "@/lib/incidents/schema";
import { editIncidentNote } from "@/lib/incidents/service";

export const PATCH = apiRoute<{ ref: string; entryId: string }>(async (request, params) => {
  const actor = await requireApiActor(request, "incident:write");
  const entryId = parseInput(ZTimelineEntryId, params.entryId);
  const { body } = await readJson(request, ZNoteBody);
  const incidentId = await requireIncidentId(params.ref);
  return json(await editIncidentNote(actor, incidentId, entryId, body));
});
