import { apiRoute, json, notFoundResponse, readJson, requireApiActor } from "@/lib/http/api";
import { requireIncidentId, getIncidentRoom } from "@/lib/incidents/queries";
import { ZNoteBody } from "@/lib/incidents/schema";
import { addIncidentNote } from "@/lib/incidents/service";

export const GET = apiRoute<{ ref: string }>(async (request, { ref }) => {
  await requireApiActor(request, "incident:read");
  const incident = await getIncidentRoom(ref);
  return incident ? json({ timeline: incident.timeline }) : notFoundResponse("Incident");
});

export const POST = apiRoute<{ ref: string }>(async (request, { ref }) => {
  const actor = await requireApiActor(request, "incident:write");
  const { body } = await readJson(request, ZNoteBody);
  const incidentId = await requireIncidentId(ref);
  return json(await addIncidentNote(actor, incidentId, body), 201);
});
