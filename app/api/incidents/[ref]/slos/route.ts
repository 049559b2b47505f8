import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { requireIncidentId } from "@/lib/incidents/queries";
import { presentSloOf } from "@/lib/slo/present";
import { incidentSloImpacts } from "@/lib/slo/queries";
import { ZSloImpactLink } from "@/lib/slo/schema";
import { recordSloImpact } from "@/lib/slo/service";

/** The SLOs the incident touched and the budget it consumed of each. */
export const GET = apiRoute<{ ref: string }>(async (request, { ref }) => {
  await requireApiActor(request, "incident:read");
  return json({ slos: (await incidentSloImpacts(await requireIncidentId(ref))).map(presentSloOf) });
});

/** Records the incident's impact on an SLO (degraded or full outage). */
export const POST = apiRoute<{ ref: string }>(async (request, { ref }) => {
  const actor = await requireApiActor(request, "incident:write");
  const incidentId = await requireIncidentId(ref);
  await recordSloImpact(actor, incidentId, await readJson(request, ZSloImpactLink));
  return json({ slos: (await incidentSloImpacts(incidentId)).map(presentSloOf) });
});
