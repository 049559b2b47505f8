import { formatWindow } from "@/lib/clock/durations";
import { heartbeatDeadline, type THeartbeatTiming } from "./rules";

type TAlertingHeartbeat = THeartbeatTiming & { id: string; name: string; severity: string };

const MINUTE_MS = 60_000;

/** Firebreak's generic alert format (README), so a silent heartbeat takes the same path as any sender's alert. */
export function heartbeatAlertPayload(heartbeat: TAlertingHeartbeat, status: "firing" | "resolved", now: Date) {
  const every = formatWindow(heartbeat.intervalMinutes * MINUTE_MS);
  const lastCall = heartbeat.lastPingAt ? heartbeat.lastPingAt.toISOString() : "never";
  return {
    dedupKey: `heartbeat:${heartbeat.id}`,
    status,
    severity: heartbeat.severity,
    title: `Heartbeat ${heartbeat.name} stopped (expected every ${every})`,
    description:
      status === "firing"
        ? `No call to the heartbeat URL since ${lastCall}; it is expected every ${every}` +
          (heartbeat.graceMinutes > 0 ? ` with ${heartbeat.graceMinutes} min of grace.` : ".") +
          " Whatever calls it (a job, or Alertmanager's Watchdog alert) has stopped, or cannot reach Firebreak."
        : `The heartbeat URL was called again at ${lastCall}.`,
    labels: { heartbeat: heartbeat.name, interval: every },
    // A late heartbeat went quiet at its deadline, not when the job noticed.
    ...(status === "firing" ? { startsAt: (heartbeatDeadline(heartbeat) ?? now).toISOString() } : { endsAt: now.toISOString() }),
  };
}
