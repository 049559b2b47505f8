import { apiRoute, json, requireApiActor } from "@/lib/http/api";
import { requireIncidentId } from "@/lib/incidents/queries";
import { removeSloImpact } from "@/lib/slo/service";

export const DELETE = apiRoute<{ ref: string; sloId: string }>(async (request, { ref, sloId }) => {
  const actor = await requireApiActor(request, "incident:write");
  await removeSloImpact(actor, await requireIncidentId(ref), sloId);
  return json({ removed: true });
});
