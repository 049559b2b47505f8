import { apiRoute, json, notFoundResponse, parseInput, requireApiActor, searchParams } from "@/lib/http/api";
import { onCallForService } from "@/lib/oncall/queries";
import { ZOnCallQuery } from "@/lib/oncall/schema";

/** Who is on call now, and next, for a service: each schedule of the team that owns it. */
export const GET = apiRoute(async (request) => {
  await requireApiActor(request, "incident:read");
  const { service } = parseInput(ZOnCallQuery, searchParams(request));
  const answer = await onCallForService(service, new Date());
  return answer ? json(answer) : notFoundResponse("Service");
});
