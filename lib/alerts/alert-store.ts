import type { TTransaction } from "@/lib/db/prisma";
import type { AlertSource, Severity } from "@/lib/generated/prisma/enums";
import { createId } from "./ids";
import type { TNormalisedAlert } from "./schema";

// The only writer of the Alert table's firing/resolved episodes, in raw SQL because the partial
// unique index ("one firing episode per dedup key") needs ON CONFLICT with its predicate.

export type TStoredFiringAlert = {
  id: string;
  incidentId: string | null;
  occurrences: number;
  inserted: boolean;
  serviceId: string | null;
  groupKey: string;
  severity: Severity;
  title: string;
  description: string;
  startsAt: Date;
};

type TAlertRowInput = {
  integrationId: string;
  source: AlertSource;
  alert: TNormalisedAlert;
  severity: Severity;
  serviceId: string | null;
  deliveryId: bigint;
  now: Date;
};

/**
 * Inserts a new firing episode, or counts a repeat of the one already firing. Returns null for a
 * late copy of an episode that has already resolved (same start), which must not fire again.
 */
export async function upsertFiringAlert(tx: TTransaction, row: TAlertRowInput): Promise<TStoredFiringAlert | null> {
  const { alert } = row;
  const rows = await tx.$queryRaw<TStoredFiringAlert[]>`
    INSERT INTO "Alert" ("id", "integrationId", "source", "dedupKey", "groupKey", "status", "level", "sourceSeverity", "severity",
      "title", "description", "labels", "links", "serviceId", "startsAt", "firstSeenAt", "lastSeenAt", "occurrences",
      "firstDeliveryId", "lastDeliveryId")
    SELECT ${createId()}, ${row.integrationId}, ${row.source}::"AlertSource", ${alert.dedupKey}, ${alert.groupKey}, 'firing'::"AlertStatus",
      ${alert.level}::"AlertLevel", ${alert.sourceSeverity}, ${row.severity}::"Severity", ${alert.title}, ${alert.description},
      ${JSON.stringify(alert.labels)}::jsonb, ${JSON.stringify(alert.links)}::jsonb, ${row.serviceId}, ${alert.startsAt}, ${row.now}, ${row.now}, 1,
      ${row.deliveryId}, ${row.deliveryId}
    WHERE NOT EXISTS (
      SELECT 1 FROM "Alert" WHERE "integrationId" = ${row.integrationId} AND "dedupKey" = ${alert.dedupKey}
        AND "status" = 'resolved' AND "startsAt" = ${alert.startsAt}
    )
    ON CONFLICT ("integrationId", "dedupKey") WHERE "status" = 'firing' DO UPDATE SET
      "occurrences" = "Alert"."occurrences" + 1,
      "lastSeenAt" = EXCLUDED."lastSeenAt",
      "lastDeliveryId" = EXCLUDED."lastDeliveryId",
      "title" = EXCLUDED."title",
      "description" = EXCLUDED."description",
      "labels" = EXCLUDED."labels",
      "links" = EXCLUDED."links"
    RETURNING "id", "incidentId", "occurrences", (xmax = 0) AS "inserted", "serviceId", "groupKey", "severity"::text AS "severity",
      "title", "description", "startsAt"`;
  return rows[0] ?? null;
}

export type TResolvedAlert = { id: string; incidentId: string | null; title: string };

/** Ends the firing episode of an alert; null when nothing was firing (already resolved, or never seen). */
export async function resolveFiringAlert(tx: TTransaction, integrationId: string, alert: TNormalisedAlert, deliveryId: bigint, now: Date): Promise<TResolvedAlert | null> {
  const rows = await tx.$queryRaw<TResolvedAlert[]>`
    UPDATE "Alert" SET "status" = 'resolved', "endsAt" = ${alert.endsAt ?? now}, "lastSeenAt" = ${now}, "lastDeliveryId" = ${deliveryId}
    WHERE "integrationId" = ${integrationId} AND "dedupKey" = ${alert.dedupKey} AND "status" = 'firing'
    RETURNING "id", "incidentId", "title"`;
  return rows[0] ?? null;
}

export function linkAlertToIncident(tx: TTransaction, alertId: string, incidentId: string) {
  return tx.alert.update({ where: { id: alertId }, data: { incidentId } });
}
