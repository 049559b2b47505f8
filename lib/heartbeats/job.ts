import { ingestAlertDelivery } from "@/lib/alerts/ingest";
import { findIntegrationById } from "@/lib/alerts/receive";
import { db } from "@/lib/db/prisma";
import { claimJobRun } from "@/lib/jobs/lease";
import { startPeriodicJob } from "@/lib/jobs/periodic";
import { heartbeatAlertPayload } from "./alert-payload";
import { heartbeatAlertChange } from "./rules";

const JOB = "heartbeats";
// Every process looks every 10 s; one of them runs the check every 30 s, so a silent heartbeat
// alerts at most ~30 s after its deadline.
const CHECK_EVERY_MS = 10_000;
export const HEARTBEAT_RUN_EVERY_MS = 30_000;

export type THeartbeatRunReport = { fired: number; resolved: number; failed: number };

/**
 * Sends the alert path every heartbeat whose state changed since it last heard (late → firing,
 * called again → resolved), if it is this process's turn (null otherwise). The delivery goes first
 * and the heartbeat records it after: a process killed in between sends it again on the next run,
 * which the alert's dedup key makes harmless, so no change is ever lost.
 */
export async function runHeartbeatCheckOnce(now = new Date()): Promise<THeartbeatRunReport | null> {
  if (!(await claimJobRun(JOB, now, HEARTBEAT_RUN_EVERY_MS))) return null;
  const report: THeartbeatRunReport = { fired: 0, resolved: 0, failed: 0 };
  const candidates = await db().$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Heartbeat"
    WHERE ("lastPingAt" IS NOT NULL AND "lastPingAt" + make_interval(mins => "intervalMinutes" + "graceMinutes") < ${now}) <> "alertFiring"
    ORDER BY "id"`;
  for (const { id } of candidates) {
    const heartbeat = await db().heartbeat.findUnique({ where: { id } });
    if (!heartbeat) continue;
    const change = heartbeatAlertChange(heartbeat, now);
    if (!change) continue;
    const integration = await findIntegrationById(heartbeat.integrationId);
    if (!integration) continue;
    const outcome = await ingestAlertDelivery(integration, JSON.stringify(heartbeatAlertPayload(heartbeat, change, now)), { now });
    if (!outcome.accepted) {
      report.failed += 1;
      console.warn(`[heartbeats] ${heartbeat.name}: the alert path refused the ${change} alert (${outcome.httpStatus}: ${outcome.reason}); retrying next run`);
      continue;
    }
    await db().heartbeat.updateMany({
      where: { id, alertFiring: heartbeat.alertFiring },
      data: { alertFiring: change === "firing", alertChangedAt: now },
    });
    if (change === "firing") report.fired += 1;
    else report.resolved += 1;
  }
  return report;
}

export function startHeartbeatJob(): () => void {
  return startPeriodicJob({ name: "heartbeats", everyMs: CHECK_EVERY_MS, runAtStart: true, run: () => runHeartbeatCheckOnce() });
}
