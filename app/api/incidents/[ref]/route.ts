import { apiRoute, json, notFoundResponse, readJson, requireApiActor } from "@/lib/http/api";
import { requireIncidentId, getIncidentRoom } from "@/lib/incidents/queries";
import { ZIncidentUpdate } from "@/lib/incidents/schema";
import { updateIncident } from "@/lib/incidents/service";

export const GET = apiRoute<{ ref: string }>(async (request, { ref }) => {
  await requireApiActor(request, "incident:read");
  const incident = await getIncidentRoom(ref);
  return incident ? json(incident) : notFoundResponse("Incident");
});

export const PATCH = apiRoute<{ ref: string }>(async (request, { ref }) => {
  const actor = await requireApiActor(request, "incident:write");
  const update = await readJson(request, ZIncidentUpdate);
  const incidentId = await requireIncidentId(ref);
  return json(await updateIncident(actor, incidentId, update));
});
