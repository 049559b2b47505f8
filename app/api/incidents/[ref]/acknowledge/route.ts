import { apiRoute, json, notFoundResponse, requireApiActor } from "@/lib/http/api";
import { findIncidentId } from "@/lib/incidents/queries";
import { acknowledgeIncident } from "@/lib/incidents/service";

export const POST = apiRoute<{ ref: string }>(async (request, { ref }) => {
  const actor = await requireApiActor(request, "incident:write");
  const incidentId = await findIncidentId(ref);
  if (!incidentId) return notFoundResponse("Incident");
  return json(await acknowledgeIncident(actor, incidentId));
});
