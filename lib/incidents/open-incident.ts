import { copyChecklistToIncident } from "@/lib/checklists/service";
import type { TTransaction } from "@/lib/db/prisma";
import { unprocessable } from "@/lib/errors";
import type { IncidentSource, Severity } from "@/lib/generated/prisma/enums";
import type { TOpeningAlert } from "@/lib/timeline/entry-details";
import { appendTimelineEntry } from "@/lib/timeline/service";
import { findAffectedServices } from "./affected-services";
import { openingTimesProblem } from "./rules";

/**
 * Everything that differs between the ways an incident opens, said by the caller rather than
 * guessed from who calls: a person declaring names themselves commander and has acknowledged;
 * an alert, an SLO burn or an escalation hands the role to someone who has not, yet.
 */
export type TIncidentOpening = {
  source: IncidentSource;
  title: string;
  severity: Severity;
  summary: string;
  serviceIds: string[];
  startedAt: Date;
  /** when people or monitoring noticed: a person may say it was earlier; an alert's is its arrival */
  detectedAt: Date;
  /** the person declaring, or Firebreak's system account when no person did */
  declaredById: string;
  commander: { userId: string; acknowledged: boolean };
  alert?: TOpeningAlert;
};

/**
 * Opens an incident inside the caller's transaction: the incident, its `declared` entry, its own
 * copy of the role checklists, and its commander with the `role_assigned` entry. The commander
 * role is held from the first moment, so it is never empty.
 */
export async function openIncident(tx: TTransaction, input: TIncidentOpening, now: Date) {
  const problem = openingTimesProblem(input.startedAt, input.detectedAt, now);
  if (problem) throw unprocessable(problem);
  const services = await findAffectedServices(tx, input.serviceIds);

  const incident = await tx.incident.create({
    data: {
      source: input.source,
      title: input.title,
      severity: input.severity,
      summary: input.summary,
      startedAt: input.startedAt,
      detectedAt: input.detectedAt,
      declaredById: input.declaredById,
      services: { create: services.map((service) => ({ serviceId: service.id })) },
    },
  });
  // The entry names what opened the incident: the alert, or else the services the person named.
  await appendTimelineEntry(tx, {
    incidentId: incident.id,
    kind: "declared",
    actorId: input.declaredById,
    occurredAt: now,
    detail: input.alert
      ? { title: incident.title, severity: incident.severity, alert: input.alert }
      : { title: incident.title, severity: incident.severity, services: services.map((service) => service.name) },
  });
  await copyChecklistToIncident(tx, incident.id);

  const commander = await tx.user.findUniqueOrThrow({ where: { id: input.commander.userId }, select: { id: true, name: true } });
  await tx.incidentRoleAssignment.create({
    data: {
      incidentId: incident.id,
      role: "commander",
      userId: commander.id,
      assignedById: input.declaredById,
      assignedAt: now,
      acknowledgedAt: input.commander.acknowledged ? now : null,
    },
  });
  await appendTimelineEntry(tx, {
    incidentId: incident.id,
    kind: "role_assigned",
    actorId: input.declaredById,
    occurredAt: now,
    detail: { role: "commander", toUserId: commander.id, toName: commander.name },
  });
  return incident;
}
