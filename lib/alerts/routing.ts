import type { TTransaction } from "@/lib/db/prisma";
import type { Severity } from "@/lib/generated/prisma/enums";
import { declareIncidentFromAlert, moveToMonitoringAfterAlertsResolved } from "@/lib/incidents/alert-commands";
import { OPEN_STATUSES } from "@/lib/incidents/rules";
import { appendTimelineEntry } from "@/lib/timeline/service";
import { SYSTEM_USER_ID } from "@/lib/users/system-user";
import { linkAlertToIncident, type TResolvedAlert, type TStoredFiringAlert } from "./alert-store";
import { alertGroupLockKey, mayOpenIncident } from "./rules";

export type TRoutingIntegration = {
  id: string;
  name: string;
  source: string;
  openIncidentAtOrAbove: Severity;
  minOccurrences: number;
  groupWindowMinutes: number;
  autoMonitorOnResolve: boolean;
  commanderId: string;
};

const openStatuses = OPEN_STATUSES.map((status) => `'${status}'`).join(",");

/** Serialises routing per service and alert group, in a fixed order so that two deliveries cannot deadlock. */
export async function lockAlertGroups(tx: TTransaction, alerts: TStoredFiringAlert[]) {
  const keys = [...new Set(alerts.map((alert) => alertGroupLockKey(alert.serviceId, alert.groupKey)))].sort();
  for (const key of keys) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

async function openIncidentOfPreviousEpisode(tx: TTransaction, integrationId: string, alertId: string): Promise<string | null> {
  const rows = await tx.$queryRawUnsafe<{ incidentId: string }[]>(
    `SELECT previous."incidentId" FROM "Alert" current
       JOIN "Alert" previous ON previous."integrationId" = current."integrationId" AND previous."dedupKey" = current."dedupKey"
       JOIN "Incident" incident ON incident.id = previous."incidentId"
     WHERE current.id = $1 AND previous.id <> current.id AND previous."status" = 'resolved' AND incident.status::text IN (${openStatuses})
     ORDER BY previous."endsAt" DESC NULLS LAST LIMIT 1`,
    alertId,
  );
  return rows[0]?.incidentId ?? null;
}

async function openIncidentOfGroup(tx: TTransaction, alert: TStoredFiringAlert, since: Date): Promise<string | null> {
  const rows = await tx.$queryRawUnsafe<{ incidentId: string }[]>(
    `SELECT other."incidentId" FROM "Alert" other JOIN "Incident" incident ON incident.id = other."incidentId"
     WHERE other."groupKey" = $1 AND other."serviceId" IS NOT DISTINCT FROM $2 AND other."lastSeenAt" >= $3 AND other.id <> $4
       AND incident.status::text IN (${openStatuses})
     ORDER BY other."lastSeenAt" DESC LIMIT 1`,
    alert.groupKey,
    alert.serviceId,
    since,
    alert.id,
  );
  return rows[0]?.incidentId ?? null;
}

async function attach(tx: TTransaction, integration: TRoutingIntegration, alert: TStoredFiringAlert, incidentId: string, kind: "alert_attached" | "alert_refired", now: Date) {
  await linkAlertToIncident(tx, alert.id, incidentId);
  if (alert.serviceId) {
    await tx.incidentService.createMany({ data: [{ incidentId, serviceId: alert.serviceId }], skipDuplicates: true });
  }
  await appendTimelineEntry(tx, {
    incidentId,
    kind,
    actorId: SYSTEM_USER_ID,
    occurredAt: now,
    body: alert.title,
    detail: { alertId: alert.id, integration: integration.name, source: integration.source, title: alert.title, severity: alert.severity },
  });
}

/**
 * Where a firing alert belongs: the open incident of its previous episode, else an open incident of
 * the same service and group seen within the window, else a new incident when the rules allow.
 * Returns the incident id, or null when the alert stays unattached.
 */
export async function routeFiringAlert(tx: TTransaction, integration: TRoutingIntegration, alert: TStoredFiringAlert, now: Date): Promise<string | null> {
  if (alert.incidentId) return alert.incidentId;
  if (alert.inserted) {
    const previous = await openIncidentOfPreviousEpisode(tx, integration.id, alert.id);
    if (previous) {
      await attach(tx, integration, alert, previous, "alert_refired", now);
      return previous;
    }
  }
  const grouped = await openIncidentOfGroup(tx, alert, new Date(now.getTime() - integration.groupWindowMinutes * 60_000));
  if (grouped) {
    await attach(tx, integration, alert, grouped, "alert_attached", now);
    return grouped;
  }
  if (!mayOpenIncident(alert.severity, alert.occurrences, integration)) return null;
  const incident = await declareIncidentFromAlert(
    tx,
    {
      title: alert.title,
      severity: alert.severity,
      serviceIds: alert.serviceId ? [alert.serviceId] : [],
      summary: alert.description,
      startedAt: alert.startsAt,
      commanderId: integration.commanderId,
      alert: { alertId: alert.id, integration: integration.name, source: integration.source, title: alert.title },
    },
    now,
  );
  await attach(tx, integration, alert, incident.id, "alert_attached", now);
  return incident.id;
}

/** Records resolved alerts on their incidents; moves an incident to monitoring when all its alerts resolved and the integration asks for it. */
export async function recordResolvedAlerts(tx: TTransaction, integration: TRoutingIntegration, resolved: TResolvedAlert[], now: Date): Promise<string[]> {
  const incidentIds = new Set<string>();
  for (const alert of resolved) {
    if (!alert.incidentId) continue;
    incidentIds.add(alert.incidentId);
    await appendTimelineEntry(tx, {
      incidentId: alert.incidentId,
      kind: "alert_resolved",
      actorId: SYSTEM_USER_ID,
      occurredAt: now,
      body: alert.title,
      detail: { alertId: alert.id, integration: integration.name, title: alert.title },
    });
  }
  if (integration.autoMonitorOnResolve) {
    for (const incidentId of [...incidentIds].sort()) {
      const stillFiring = await tx.alert.count({ where: { incidentId, status: "firing" } });
      if (stillFiring === 0) await moveToMonitoringAfterAlertsResolved(tx, incidentId, now);
    }
  }
  return [...incidentIds];
}
