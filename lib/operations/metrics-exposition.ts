import { databasePoolStats } from "@/lib/db/prisma";
import { collaborationCounts } from "@/lib/metrics/collaboration";
import { metrics } from "@/lib/metrics/registry";
import { collectorLags } from "@/lib/slo/collector";
import { checkReadiness } from "./readiness";

/**
 * The metrics as Prometheus reads them (text format 0.0.4). Counters are kept as things happen; the
 * gauges that describe a state are measured here, at scrape time: readiness, the collector's lag
 * per SLO, the database pool, the collaboration server.
 */
export async function renderMetrics(now = new Date()): Promise<{ contentType: string; body: string }> {
  const current = metrics();
  const [readiness, lags] = await Promise.all([checkReadiness(), collectorLags(now).catch(() => null)]);

  current.ready.set(readiness.ready ? 1 : 0);
  for (const [check, result] of Object.entries(readiness.checks)) {
    if (result !== "not configured") current.readinessCheck.set({ check }, readiness.failed.includes(check) ? 0 : 1);
  }
  // Without the database the lag is unknown: the series disappear rather than show a stale figure.
  current.collectorLag.reset();
  for (const lag of lags ?? []) current.collectorLag.set({ slo_id: lag.sloId, slo: lag.slo, service: lag.service }, lag.seconds);

  const pool = databasePoolStats();
  current.databasePoolConnections.set(pool?.total ?? 0);
  current.databasePoolIdle.set(pool?.idle ?? 0);
  current.databasePoolWaiting.set(pool?.waiting ?? 0);
  current.databasePoolMax.set(pool?.max ?? 0);

  const collaboration = collaborationCounts();
  current.collaborationDocuments.set(collaboration.documents);
  current.collaborationConnections.set(collaboration.connections);

  return { contentType: current.registry.contentType, body: await current.registry.metrics() };
}
