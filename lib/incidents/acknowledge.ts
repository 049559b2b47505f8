import type { TTransaction } from "@/lib/db/prisma";
import type { IncidentRole } from "@/lib/generated/prisma/enums";
import { appendTimelineEntry } from "@/lib/timeline/service";
import type { TAcknowledgedVia } from "@/lib/timeline/entry-details";
import { lockIncident } from "./incident-lock";

/** The holder takes up a role handed to them: it is theirs in practice from now, and the timeline says how long the handoff waited. */
export async function takeUpRoleIn(
  tx: TTransaction,
  assignment: { id: string; incidentId: string; role: IncidentRole; assignedAt: Date; userId: string },
  now: Date,
) {
  await appendTimelineEntry(tx, {
    incidentId: assignment.incidentId,
    kind: "role_acknowledged",
    actorId: assignment.userId,
    occurredAt: now,
    detail: { role: assignment.role, secondsWaited: Math.max(0, Math.round((now.getTime() - assignment.assignedAt.getTime()) / 1000)) },
  });
  return tx.incidentRoleAssignment.update({ where: { id: assignment.id }, data: { acknowledgedAt: now } });
}

/**
 * The first acknowledgement of an incident, inside the caller's transaction (a one-tap link
 * acknowledges and uses up its token in one commit): the incident row is locked, its alerts are
 * acknowledged, and the timeline says who and how long after detection. Whoever acknowledges also
 * takes up the roles waiting for them (the person on call is made commander before they answer the
 * page; answering it is accepting the role). Later acknowledgements change nothing and return
 * `acknowledged: false` with the incident as it is.
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
  const waiting = await tx.incidentRoleAssignment.findMany({
    where: { incidentId, userId: actorId, releasedAt: null, acknowledgedAt: null },
    orderBy: { role: "asc" },
  });
  for (const assignment of waiting) await takeUpRoleIn(tx, assignment, now);
  const updated = await tx.incident.update({ where: { id: incidentId }, data: { acknowledgedAt: now, acknowledgedById: actorId } });
  return { incident: updated, acknowledged: true };
}
