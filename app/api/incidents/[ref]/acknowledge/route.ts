import { apiRoute, json, requireApiActor } from "@/lib/http/api";
import { requireIncidentId } from "@/lib/incidents/queries";
import { acknowledgeIncident } from "@/lib/incidents/service";

export const POST = apiRoute<{ ref: string }>(async (request, { ref }) => {
  const actor = await requireApiActor(request, "incident:write");
  const incidentId = await requireIncidentId(ref);
  return json(await acknowledgeIncident(actor, incidentId, new Date(), "api"));
});
