import { apiRoute, json } from "@/lib/http/api";
import { scrapeVerdictFor } from "@/lib/operations/metrics-access";
import { renderMetrics } from "@/lib/operations/metrics-exposition";

// For Prometheus: a bearer token or an allow-listed address, never a user session (docs/decisions/020).
export const GET = apiRoute(async (request) => {
  const verdict = scrapeVerdictFor(request);
  if (!verdict.allowed) {
    const refusal = json({ error: verdict.status === 401 ? "unauthenticated" : "forbidden", message: verdict.message }, verdict.status);
    if (verdict.status === 401) refusal.headers.set("www-authenticate", 'Bearer realm="firebreak-metrics"');
    return refusal;
  }
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
