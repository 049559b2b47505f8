import type { TTransaction } from "@/lib/db/prisma";
import { appendTimelineEntry } from "@/lib/timeline/service";
import type { TAcknowledgedVia } from "@/lib/timeline/entry-details";
import { lockIncident } from "./incident-lock";

/**
 * The first acknowledgement of an incident, inside the caller's transaction (a one-tap link
 * acknowledges and uses up its token in one commit): the incident row is locked, its alerts are
 * acknowledged, and the timeline says who and how long after detection. Later acknowledgements
 * change nothing and return `acknowledged: false` with the incident as it is.
 */
export async function acknowledgeIncidentIn(tx: TTransaction, incidentId: string, actorId: string, now: Date, via: TAcknowledgedVia) {
  const incident = await lockIncident(tx, incidentId);
  if (incident.acknowledgedAt) return { incident, acknowledged: false };
  // Its alerts are acknowledged with it, by the same person (the alerts panel and the alert API show who).
  await tx.alert.updateMany({ where: { incidentId, acknowledgedAt: null }, data: { acknowledgedAt: now, acknowledgedById: actorId } });
  await appendTimelineEntry(tx, {
    incidentId,
    kind: "acknowledged",
    actorId,
    occurredAt: now,
    detail: { secondsSinceDetection: Math.max(0, Math.round((now.getTime() - incident.detectedAt.getTime()) / 1000)), via },
  });
  const updated = await tx.incident.update({ where: { id: incidentId }, data: { acknowledgedAt: now, acknowledgedById: actorId } });
  return { incident: updated, acknowledged: true };
}
