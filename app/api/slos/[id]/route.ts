import { apiRoute, json, notFoundResponse, requireApiActor } from "@/lib/http/api";
import { sloStatus } from "@/lib/slo/queries";

/** The SLO with its budget, burn rates, alert state, policy verdict and projected exhaustion now. */
export const GET = apiRoute<{ id: string }>(async (request, { id }) => {
  await requireApiActor(request, "incident:read");
  const status = await sloStatus(id);
  return status ? json(status) : notFoundResponse("SLO");
});
