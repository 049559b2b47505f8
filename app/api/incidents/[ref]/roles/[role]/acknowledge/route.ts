import { apiRoute, json, parseInput, requireApiActor } from "@/lib/http/api";
import { requireIncidentId } from "@/lib/incidents/queries";
import { ZIncidentRole } from "@/lib/incidents/schema";
import { acknowledgeRoleHandoff } from "@/lib/incidents/service";

/** The incoming holder acknowledges a handoff. */
export const POST = apiRoute<{ ref: string; role: string }>(async (request, params) => {
  const actor = await requireApiActor(request, "incident:write");
  const role = parseInput(ZIncidentRole, params.role);
  const incidentId = await requireIncidentId(params.ref);
  return json(await acknowledgeRoleHandoff(actor, incidentId, role));
});
