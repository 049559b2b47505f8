import { apiRoute, json } from "@/lib/http/api";
import { checkReadiness } from "@/lib/operations/readiness";

// Readiness, public on purpose, for load balancers: 503 names the checks that failed, never a host.
export const GET = apiRoute(async () => {
  const { ready, checks, failed } = await checkReadiness();
  return json({ status: ready ? "ready" : "not ready", checks, ...(ready ? {} : { failed }) }, ready ? 200 : 503);
});
