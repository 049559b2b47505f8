import type { TTransaction } from "@/lib/db/prisma";
import type { TSql } from "@/lib/db/sql";
import type { AlertSource, Severity } from "@/lib/generated/prisma/enums";
import { escalationForAlert, startEscalationForAlert } from "@/lib/escalation/start";
import { moveToMonitoringAfterAlertsResolved } from "@/lib/incidents/alert-commands";
import { openIncident } from "@/lib/incidents/open-incident";
import { OPEN_STATUSES } from "@/lib/incidents/rules";
import { appendTimelineEntries, appendTimelineEntriesWith } from "@/lib/timeline/service";
import { SYSTEM_USER_ID } from "@/lib/users/system-user";
import type { TResolvedAlert, TStoredFiringAlert } from "./alert-store";
import { alertGroupLockKey, alertRoutingLocks, allAlertsResolved, incidentSourceOf, isAtLeast, mayOpenIncident } from "./rules";

export type TRoutingIntegration = {
  id: string;
  name: string;
  source: AlertSource;
  openIncidentAtOrAbove: Severity;
  minOccurrences: number;
  groupWindowMinutes: number;
  autoMonitorOnResolve: boolean;
  commanderId: string;
};

const OPEN_STATUS_NAMES: string[] = [...OPEN_STATUSES];

/** An incident routing put alerts on, with its number (the sender's answer names it). */
export type TTouchedIncident = { id: string; number: number };

// Routing runs in the transaction of `sql`, through the pg driver when it opens incidents (decision 026).

/**
 * Takes the locks in one statement, one after another in their order (each row of the list takes its
 * lock before the next row is read). Alone in its statement: the reads after it must start after the
 * locks are held, to see what the transactions that held them before committed.
 */
async function lockForRouting(sql: TSql, source: AlertSource, alerts: TStoredFiringAlert[]) {
  const locks = alertRoutingLocks(source, alerts);
  // The void results stay inside the subqueries: Prisma's raw queries cannot read one back.
  await sql`
    SELECT 1 AS "locked"
    FROM unnest(${locks.map((lock) => lock.key)}::text[], ${locks.map((lock) => lock.shared)}::boolean[]) WITH ORDINALITY AS lock("key", "shared", "position")
      LEFT JOIN LATERAL (SELECT pg_advisory_xact_lock_shared(hashtextextended(lock."key", 0)) WHERE lock."shared") shared ON true
      LEFT JOIN LATERAL (SELECT pg_advisory_xact_lock(hashtextextended(lock."key", 0)) WHERE NOT lock."shared") exclusive ON true
    ORDER BY lock."position"`;
}

/** For new episodes of alerts seen before: the open incident the previous episode belonged to. */
async function incidentsOfPreviousEpisodes(sql: TSql, alertIds: string[]): Promise<Map<string, TTouchedIncident>> {
  if (alertIds.length === 0) return new Map();
  const rows = await sql<{ alertId: string; incidentId: string; number: number }>`
    SELECT DISTINCT ON (current.id) current.id AS "alertId", previous."incidentId", incident."number"
    FROM "Alert" current
      JOIN "Alert" previous ON previous."integrationId" = current."integrationId" AND previous."dedupKey" = current."dedupKey"
      JOIN "Incident" incident ON incident.id = previous."incidentId"
    WHERE current.id = ANY(${alertIds}::text[]) AND previous.id <> current.id AND previous."status" = 'resolved' AND incident.status::text = ANY(${OPEN_STATUS_NAMES}::text[])
    ORDER BY current.id, previous."endsAt" DESC NULLS LAST`;
  return new Map(rows.map((row) => [row.alertId, { id: row.incidentId, number: row.number }]));
}

/** An open incident that has an alert of the same service and group seen within the window. */
async function openIncidentOfGroup(sql: TSql, serviceId: string | null, groupKey: string, since: Date, excludeIds: string[]): Promise<TTouchedIncident | null> {
  const rows = await sql<TTouchedIncident>`
    SELECT incident."id", incident."number" FROM "Alert" other JOIN "Incident" incident ON incident.id = other."incidentId"
    WHERE other."groupKey" = ${groupKey} AND other."serviceId" IS NOT DISTINCT FROM ${serviceId}::text AND other."lastSeenAt" >= ${since.toISOString()}::timestamp(3)
      AND other.id <> ALL(${excludeIds}::text[]) AND incident.status::text = ANY(${OPEN_STATUS_NAMES}::text[])
    ORDER BY other."lastSeenAt" DESC LIMIT 1`;
  return rows[0] ?? null;
}

/** The open incident of a service most recently started, for alerts about a whole service's health (SLO burn). */
async function openIncidentOfService(sql: TSql, serviceId: string): Promise<TTouchedIncident | null> {
  const rows = await sql<TTouchedIncident>`
    SELECT incident."id", incident."number" FROM "IncidentService" link JOIN "Incident" incident ON incident.id = link."incidentId"
    WHERE link."serviceId" = ${serviceId} AND incident.status::text = ANY(${OPEN_STATUS_NAMES}::text[]) ORDER BY incident."startedAt" DESC LIMIT 1`;
  return rows[0] ?? null;
}

async function attach(
  sql: TSql,
  integration: TRoutingIntegration,
  alerts: TStoredFiringAlert[],
  incidentId: string,
  kind: "alert_attached" | "alert_refired",
  now: Date,
) {
  await sql`
    WITH attached AS (UPDATE "Alert" SET "incidentId" = ${incidentId} WHERE "id" = ANY(${alerts.map((alert) => alert.id)}::text[]) RETURNING "serviceId")
    INSERT INTO "IncidentService" ("incidentId", "serviceId") SELECT DISTINCT ${incidentId}, "serviceId" FROM attached WHERE "serviceId" IS NOT NULL
    ON CONFLICT DO NOTHING`;
  await appendTimelineEntriesWith(
    sql,
    alerts.map((alert) => ({
      incidentId,
      kind,
      actorId: SYSTEM_USER_ID,
      occurredAt: now,
      body: alert.title,
      detail: { alertId: alert.id, integration: integration.name, source: integration.source, title: alert.title, severity: alert.severity },
    })),
  );
}

/**
 * Where new or not yet attached firing alerts belong: the open incident of an alert's previous
 * episode; else an open incident of the same service and group seen within the window (for SLO
 * burn-rate alerts, any open incident of the service); else a new
 * incident, when at least one alert of the group passes the integration's rules (the most severe
 * one names it). Serialised by advisory locks (see alertRoutingLocks), all taken before anything is
 * read, so that each lookup sees every incident opened before it. Returns the incidents touched,
 * with their numbers, and how many of them it opened.
 */
export async function routeFiringAlerts(
  sql: TSql,
  integration: TRoutingIntegration,
  alerts: TStoredFiringAlert[],
  now: Date,
): Promise<{ touched: TTouchedIncident[]; opened: number }> {
  await lockForRouting(sql, integration.source, alerts);
  // Under the locks: a concurrent delivery of the same alerts may have attached them meanwhile.
  // Rows are locked in dedup-key order, the order the ingest statement locks them in.
  const current = await sql<{ id: string; incidentId: string | null; incidentNumber: number | null }>`
    SELECT alert."id", alert."incidentId", incident."number" AS "incidentNumber"
    FROM "Alert" alert LEFT JOIN "Incident" incident ON incident."id" = alert."incidentId"
    WHERE alert."id" = ANY(${alerts.map((alert) => alert.id)}::text[]) ORDER BY alert."dedupKey", alert."id" FOR UPDATE OF alert`;
  const touched = new Map<string, number>();
  for (const row of current) if (row.incidentId && row.incidentNumber !== null) touched.set(row.incidentId, row.incidentNumber);
  // An alert moved to another incident while this waited for its row: the row is read again, the
  // joined incident is not, so its number is looked up on its own.
  const unnumbered = current.flatMap((row) => (row.incidentId && row.incidentNumber === null ? [row.incidentId] : []));
  if (unnumbered.length > 0) {
    for (const incident of await sql<TTouchedIncident>`SELECT "id", "number" FROM "Incident" WHERE "id" = ANY(${unnumbered}::text[])`)
      touched.set(incident.id, incident.number);
  }
  const pending = alerts.filter((alert) => !current.find((row) => row.id === alert.id)?.incidentId);

  const previous = await incidentsOfPreviousEpisodes(
    sql,
    pending.filter((alert) => alert.inserted).map((alert) => alert.id),
  );
  const refiredByIncident = new Map<string, { incident: TTouchedIncident; refired: TStoredFiringAlert[] }>();
  for (const alert of pending) {
    const incident = previous.get(alert.id);
    if (incident) refiredByIncident.set(incident.id, { incident, refired: [...(refiredByIncident.get(incident.id)?.refired ?? []), alert] });
  }
  for (const { incident, refired } of refiredByIncident.values()) {
    await attach(sql, integration, refired, incident.id, "alert_refired", now);
    touched.set(incident.id, incident.number);
  }

  const groups = new Map<string, TStoredFiringAlert[]>();
  for (const alert of pending.filter((candidate) => !previous.has(candidate.id))) {
    const key = alertGroupLockKey(alert.serviceId, alert.groupKey);
    groups.set(key, [...(groups.get(key) ?? []), alert]);
  }
  const since = new Date(now.getTime() - integration.groupWindowMinutes * 60_000);
  let opened = 0;
  for (const members of groups.values()) {
    const [first] = members as [TStoredFiringAlert];
    let joined = await openIncidentOfGroup(
      sql,
      first.serviceId,
      first.groupKey,
      since,
      members.map((alert) => alert.id),
    );
    // A burning SLO is a symptom of whatever its service's open incident is already handling.
    if (!joined && integration.source === "slo" && first.serviceId) joined = await openIncidentOfService(sql, first.serviceId);
    if (!joined) {
      const openers = members.filter((alert) => mayOpenIncident(alert.severity, alert.occurrences, integration));
      if (openers.length === 0) continue;
      const lead = openers.reduce((worst, alert) => (isAtLeast(alert.severity, worst.severity) && alert.severity !== worst.severity ? alert : worst));
      const earliest = members.reduce((first, alert) => (alert.startsAt < first ? alert.startsAt : first), lead.startsAt);
      const serviceIds = lead.serviceId ? [lead.serviceId] : [];
      const escalation = await escalationForAlert(sql, { serviceId: lead.serviceId, integrationId: integration.id, alertId: lead.id }, now);
      const incident = await openIncident(
        sql,
        {
          source: incidentSourceOf(integration.source),
          title: lead.title,
          severity: lead.severity,
          summary: lead.description,
          serviceIds,
          // A sender's clock may run a little ahead; nothing started after it reached us.
          startedAt: earliest < now ? earliest : now,
          // Detected when the alert reached Firebreak: the delay from its start is the detection delay.
          detectedAt: now,
          declaredById: SYSTEM_USER_ID,
          // Whoever the escalation policy reaches first (else the integration's commander) holds the
          // role from the start, but has yet to acknowledge it.
          commander: { userId: escalation.onCall?.id ?? integration.commanderId, acknowledged: false },
          alert: { alertId: lead.id, integration: integration.name, source: integration.source, title: lead.title },
        },
        now,
      );
      joined = incident;
      opened += 1;
      await startEscalationForAlert(sql, incident.id, escalation, now);
    }
    await attach(sql, integration, members, joined.id, "alert_attached", now);
    touched.set(joined.id, joined.number);
  }
  return { touched: [...touched].map(([id, number]) => ({ id, number })), opened };
}

/** Records resolved alerts on their incidents; moves an incident to monitoring when all its alerts resolved and the integration asks for it. */
export async function recordResolvedAlerts(tx: TTransaction, integration: TRoutingIntegration, resolved: TResolvedAlert[], now: Date): Promise<string[]> {
  const onIncidents = resolved.filter((alert): alert is TResolvedAlert & { incidentId: string } => alert.incidentId !== null);
  if (onIncidents.length === 0) return [];
  await appendTimelineEntries(
    tx,
    onIncidents.map((alert) => ({
      incidentId: alert.incidentId,
      kind: "alert_resolved" as const,
      actorId: SYSTEM_USER_ID,
      occurredAt: now,
      body: alert.title,
      detail: { alertId: alert.id, integration: integration.name, title: alert.title },
    })),
  );
  const incidentIds = [...new Set(onIncidents.map((alert) => alert.incidentId))].sort();
  if (integration.autoMonitorOnResolve) {
    for (const incidentId of incidentIds) {
      const alerts = await tx.alert.findMany({ where: { incidentId }, select: { status: true } });
      if (allAlertsResolved(alerts)) await moveToMonitoringAfterAlertsResolved(tx, incidentId, now);
    }
  }
  return incidentIds;
}
