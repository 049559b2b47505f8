import { listAlerts } from "@/lib/alerts/queries";
import { ZAlertListFilter } from "@/lib/alerts/schema";
import { apiRoute, json, parseInput, requireApiActor, searchParams } from "@/lib/http/api";

export const GET = apiRoute(async (request) => {
  await requireApiActor(request, "incident:read");
  return json({ alerts: await listAlerts(parseInput(ZAlertListFilter, searchParams(request))) });
});
