import type { TTransaction } from "@/lib/db/prisma";
import { appendTimelineEntry } from "@/lib/timeline/service";
import { SYSTEM_USER_ID } from "@/lib/users/system-user";
import { lockIncident } from "./incident-lock";
import { lifecycleTimesAfter } from "./rules";

// Incident changes made by alerts rather than by a person; callers hold the transaction.
// Alerts open incidents through openIncident (./open-incident.ts), like every other source.

const BEFORE_MONITORING = ["declared", "investigating", "identified"] as const;

/** When every alert of an incident has resolved and its integration says so: monitoring, never resolved. */
export async function moveToMonitoringAfterAlertsResolved(tx: TTransaction, incidentId: string, now: Date): Promise<boolean> {
  const incident = await lockIncident(tx, incidentId);
  if (!(BEFORE_MONITORING as readonly string[]).includes(incident.status)) return false;
  await tx.incident.update({ where: { id: incidentId }, data: { status: "monitoring", ...lifecycleTimesAfter(incident, "monitoring", now) } });
  await appendTimelineEntry(tx, {
    incidentId,
    kind: "status_changed",
    actorId: SYSTEM_USER_ID,
    occurredAt: now,
    detail: { from: incident.status, to: "monitoring", reason: "all alerts resolved" },
  });
  return true;
}
