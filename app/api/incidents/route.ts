import { declarePaging } from "@/lib/escalation/start";
import { apiRoute, json, parseInput, readJson, requireApiActor, searchParams } from "@/lib/http/api";
import { listIncidents } from "@/lib/incidents/queries";
import { ZIncidentDeclare, ZIncidentListFilter } from "@/lib/incidents/schema";
import { declareIncident } from "@/lib/incidents/service";

export const GET = apiRoute(async (request) => {
  await requireApiActor(request, "incident:read");
  const filter = parseInput(ZIncidentListFilter, searchParams(request));
  return json({ incidents: await listIncidents(filter) });
});

export const POST = apiRoute(async (request) => {
  const actor = await requireApiActor(request, "incident:write");
  const incident = await declareIncident(actor, await readJson(request, ZIncidentDeclare), new Date(), declarePaging);
  return json(incident, 201);
});
