import { copyChecklistToIncident } from "@/lib/checklists/service";
import type { TTransaction } from "@/lib/db/prisma";
import type { Severity } from "@/lib/generated/prisma/enums";
import type { TOpeningAlert } from "@/lib/timeline/entry-details";
import { appendTimelineEntry } from "@/lib/timeline/service";
import { SYSTEM_USER_ID } from "@/lib/users/system-user";
import { lifecycleTimesAfter } from "./rules";

// Incident changes made by alerts rather than by a person; callers hold the transaction.

export type TAlertOpenedIncident = {
  title: string;
  severity: Severity;
  serviceIds: string[];
  summary: string;
  startedAt: Date;
  commanderId: string;
  /** what the timeline says opened it */
  alert: TOpeningAlert;
};

/**
 * Declares an incident on behalf of an alert. The integration's commander holds the commander
 * role from the first moment, so the role is never empty.
 */
export async function declareIncidentFromAlert(tx: TTransaction, input: TAlertOpenedIncident, now: Date) {
  const incident = await tx.incident.create({
    data: {
      title: input.title,
      severity: input.severity,
      summary: input.summary,
      startedAt: input.startedAt < now ? input.startedAt : now,
      detectedAt: now,
      declaredById: SYSTEM_USER_ID,
      services: { create: input.serviceIds.map((serviceId) => ({ serviceId })) },
    },
  });
  await appendTimelineEntry(tx, {
    incidentId: incident.id,
    kind: "declared",
    actorId: SYSTEM_USER_ID,
    occurredAt: now,
    detail: { title: incident.title, severity: incident.severity, alert: input.alert },
  });
  await copyChecklistToIncident(tx, incident.id);
  const commander = await tx.user.findUniqueOrThrow({ where: { id: input.commanderId }, select: { id: true, name: true } });
  await tx.incidentRoleAssignment.create({
    data: { incidentId: incident.id, role: "commander", userId: commander.id, assignedById: SYSTEM_USER_ID, assignedAt: now },
  });
  await appendTimelineEntry(tx, {
    incidentId: incident.id,
    kind: "role_assigned",
    actorId: SYSTEM_USER_ID,
    occurredAt: now,
    detail: { role: "commander", toUserId: commander.id, toName: commander.name },
  });
  return incident;
}

const BEFORE_MONITORING = ["declared", "investigating", "identified"] as const;

/** When every alert of an incident has resolved and its integration says so: monitoring, never resolved. */
export async function moveToMonitoringAfterAlertsResolved(tx: TTransaction, incidentId: string, now: Date): Promise<boolean> {
  const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM "Incident" WHERE id = ${incidentId} FOR UPDATE`;
  const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId } });
  if (!locked[0] || !(BEFORE_MONITORING as readonly string[]).includes(incident.status)) return false;
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
