import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { requireIncidentId } from "@/lib/incidents/queries";
import { ZRoleAssign } from "@/lib/incidents/schema";
import { assignIncidentRole } from "@/lib/incidents/service";

/** Assigns a role, or hands it off when someone already holds it. */
export const POST = apiRoute<{ ref: string }>(async (request, { ref }) => {
  const actor = await requireApiActor(request, "incident:write");
  const input = await readJson(request, ZRoleAssign);
  const incidentId = await requireIncidentId(ref);
  return json(await assignIncidentRole(actor, incidentId, input));
});
