import { apiRoute, json, parseInput, requireApiActor } from "@/lib/http/api";
import { requireIncidentId } from "@/lib/incidents/queries";
import { ZIncidentRole } from "@/lib/incidents/schema";
import { releaseIncidentRole } from "@/lib/incidents/service";

export const DELETE = apiRoute<{ ref: string; role: string }>(async (request, params) => {
  const actor = await requireApiActor(request, "incident:write");
  const role = parseInput(ZIncidentRole, params.role);
  const incidentId = await requireIncidentId(params.ref);
  await releaseIncidentRole(actor, incidentId, role);
  return json({ released: role });
});
