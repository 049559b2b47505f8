import type { TSql } from "@/lib/db/sql";
import type { AlertSource, Severity } from "@/lib/generated/prisma/enums";
import { createId } from "@/lib/db/ids";
import type { TNormalisedAlert } from "./schema";
import { redactCredentials } from "./redact";

// The writer of accepted deliveries and of alert episodes. One statement stores the delivery, inserts
// or counts every firing alert and ends every resolved one, so that a webhook of repeats costs a
// single round trip. Raw SQL because the partial unique index ("one firing episode per dedup key")
// needs ON CONFLICT with its predicate.

export type TStoredFiringAlert = {
  id: string;
  dedupKey: string;
  incidentId: string | null;
  incidentNumber: number | null;
  occurrences: number;
  inserted: boolean;
  serviceId: string | null;
  groupKey: string;
  severity: Severity;
  title: string;
  description: string;
  startsAt: Date;
};

export type TResolvedAlert = { id: string; incidentId: string | null; title: string };

export type TAlertBatch = {
  integrationId: string;
  source: AlertSource;
  defaultServiceId: string | null;
  rawBody: string;
  externalId: string | undefined;
  notes: string[];
  alertCount: number;
  /** each with the severity it maps to; one entry per dedup key */
  firing: { alert: TNormalisedAlert; severity: Severity }[];
  resolved: TNormalisedAlert[];
  now: Date;
};

export type TStoredBatch = { deliveryId: bigint; firing: TStoredFiringAlert[]; resolved: TResolvedAlert[] };

type TBatchRow = { deliveryId: bigint; firing: (Omit<TStoredFiringAlert, "startsAt"> & { startsAt: string })[]; resolved: TResolvedAlert[] };

/** What a statement may not hold twice: one alert's row is inserted, counted or ended once per statement. */
export const alertRowKeys = (batch: TAlertBatch) =>
  [...batch.firing.map(({ alert }) => alert.dedupKey), ...batch.resolved.map((alert) => alert.dedupKey)].map(
    (dedupKey) => `${batch.integrationId}\u0000${dedupKey}`,
  );

/**
 * Stores a delivery and its alerts. A firing alert inserts a new episode or counts a repeat of the
 * one firing; a late copy of an episode that already resolved (same start) is skipped. A resolved
 * alert ends its firing episode, if there is one.
 */
export async function storeAlertBatch(sql: TSql, batch: TAlertBatch): Promise<TStoredBatch> {
  return (await storeAlertBatches(sql, [batch]))[0] as TStoredBatch;
}

/**
 * Stores several deliveries, each as storeAlertBatch does, in one statement: one round trip and one
 * commit for deliveries that arrived together (lib/alerts/intake-batching.ts). No alert may be in
 * two of them (alertRowKeys): PostgreSQL updates a row once per statement.
 */
export async function storeAlertBatches(sql: TSql, batches: TAlertBatch[]): Promise<TStoredBatch[]> {
  const keys = batches.flatMap(alertRowKeys);
  if (new Set(keys).size !== keys.length) throw new Error("storeAlertBatches: an alert is in two deliveries of one statement");
  const rowOrder = (a: { position: number; dedupKey: string; integrationId: string }, b: typeof a) =>
    a.integrationId === b.integrationId ? (a.dedupKey < b.dedupKey ? -1 : 1) : a.integrationId < b.integrationId ? -1 : 1;
  // Sorted so that concurrent statements lock alert rows in the same order.
  const firing = batches
    .flatMap((batch, position) => batch.firing.map((entry) => ({ ...entry, position, dedupKey: entry.alert.dedupKey, integrationId: batch.integrationId })))
    .sort(rowOrder);
  const resolved = batches
    .flatMap((batch, position) =>
      batch.resolved.map((alert) => ({ alert, position, dedupKey: alert.dedupKey, integrationId: batch.integrationId, now: batch.now })),
    )
    .sort(rowOrder);
  const column = <T>(pick: (entry: (typeof firing)[number]) => T) => firing.map(pick);
  const delivery = <T>(pick: (batch: TAlertBatch) => T) => batches.map(pick);
  // Times as ISO text: the pg driver would send a Date in the process's zone.
  const rows = await sql<TBatchRow>`
    WITH arriving AS MATERIALIZED (
      SELECT nextval('"AlertDelivery_id_seq"') AS "id", arriving.*
      FROM unnest(
        ${delivery((batch) => batch.integrationId)}::text[], ${delivery((batch) => batch.source)}::"AlertSource"[], ${delivery((batch) => batch.defaultServiceId)}::text[],
        ${delivery((batch) => batch.now.toISOString())}::timestamp(3)[], ${delivery((batch) => batch.notes.join("; "))}::text[],
        ${delivery((batch) => batch.externalId ?? null)}::text[], ${delivery((batch) => redactCredentials(batch.rawBody))}::text[], ${delivery((batch) => batch.alertCount)}::int[]
      ) WITH ORDINALITY AS arriving("integrationId", "source", "defaultServiceId", "receivedAt", "reason", "externalId", "body", "alertCount", "position")
    ),
    delivery AS (
      INSERT INTO "AlertDelivery" ("id", "integrationId", "receivedAt", "accepted", "httpStatus", "reason", "externalId", "body", "alertCount")
      SELECT "id", "integrationId", "receivedAt", true, 202, "reason", "externalId", "body", "alertCount" FROM arriving ORDER BY "position"
    ),
    incoming AS (
      SELECT incoming.*, arriving."id" AS "deliveryId", arriving."integrationId", arriving."source", arriving."defaultServiceId", arriving."receivedAt"
      FROM unnest(
        ${column((entry) => entry.position + 1)}::int[], ${column(() => createId())}::text[], ${column(({ alert }) => alert.dedupKey)}::text[],
        ${column(({ alert }) => alert.groupKey)}::text[], ${column(({ alert }) => alert.level)}::"AlertLevel"[], ${column(({ alert }) => alert.sourceSeverity)}::text[],
        ${column(({ severity }) => severity)}::"Severity"[], ${column(({ alert }) => alert.title)}::text[], ${column(({ alert }) => alert.description)}::text[],
        ${column(({ alert }) => JSON.stringify(alert.labels))}::jsonb[], ${column(({ alert }) => JSON.stringify(alert.links))}::jsonb[],
        ${column(({ alert }) => alert.serviceHint?.trim().toLowerCase() ?? null)}::text[], ${column(({ alert }) => alert.startsAt.toISOString())}::timestamp(3)[]
      ) WITH ORDINALITY AS incoming("deliveryPosition", "id", "dedupKey", "groupKey", "level", "sourceSeverity", "severity", "title", "description", "labels", "links",
        "serviceHint", "startsAt", "position")
      JOIN arriving ON arriving."position" = incoming."deliveryPosition"
    ),
    upserted AS (
      INSERT INTO "Alert" ("id", "integrationId", "source", "dedupKey", "groupKey", "status", "level", "sourceSeverity", "severity",
        "title", "description", "labels", "links", "serviceId", "startsAt", "firstSeenAt", "lastSeenAt", "occurrences", "firstDeliveryId", "lastDeliveryId")
      SELECT incoming."id", incoming."integrationId", incoming."source", incoming."dedupKey", incoming."groupKey", 'firing'::"AlertStatus",
        incoming."level", incoming."sourceSeverity", incoming."severity", incoming."title", incoming."description", incoming."labels", incoming."links",
        COALESCE(service."id", incoming."defaultServiceId"), incoming."startsAt", incoming."receivedAt", incoming."receivedAt", 1, incoming."deliveryId", incoming."deliveryId"
      FROM incoming
      LEFT JOIN LATERAL (
        SELECT "id" FROM "Service" WHERE incoming."serviceHint" IS NOT NULL AND ("slug" = incoming."serviceHint" OR lower("name") = incoming."serviceHint")
        ORDER BY ("slug" = incoming."serviceHint") DESC LIMIT 1
      ) service ON true
      WHERE NOT EXISTS (
        SELECT 1 FROM "Alert" earlier WHERE earlier."integrationId" = incoming."integrationId" AND earlier."dedupKey" = incoming."dedupKey"
          AND earlier."status" = 'resolved' AND earlier."startsAt" = incoming."startsAt"
      )
      ORDER BY incoming."position"
      ON CONFLICT ("integrationId", "dedupKey") WHERE "status" = 'firing' DO UPDATE SET
        "occurrences" = "Alert"."occurrences" + 1,
        "lastSeenAt" = EXCLUDED."lastSeenAt",
        "lastDeliveryId" = EXCLUDED."lastDeliveryId",
        "title" = EXCLUDED."title",
        "description" = EXCLUDED."description",
        "labels" = EXCLUDED."labels",
        "links" = EXCLUDED."links"
      RETURNING "id", "dedupKey", "incidentId", "occurrences", (xmax = 0) AS "inserted", "serviceId", "groupKey", "severity"::text AS "severity",
        "title", "description", "startsAt", "lastDeliveryId"
    ),
    ended AS (
      UPDATE "Alert" SET "status" = 'resolved', "endsAt" = ending."endsAt", "lastSeenAt" = arriving."receivedAt", "lastDeliveryId" = arriving."id"
      FROM unnest(${resolved.map((entry) => entry.position + 1)}::int[], ${resolved.map((entry) => entry.dedupKey)}::text[],
        ${resolved.map((entry) => (entry.alert.endsAt ?? entry.now).toISOString())}::timestamp(3)[]) AS ending("deliveryPosition", "dedupKey", "endsAt")
      JOIN arriving ON arriving."position" = ending."deliveryPosition"
      WHERE "Alert"."integrationId" = arriving."integrationId" AND "Alert"."dedupKey" = ending."dedupKey" AND "Alert"."status" = 'firing'
      RETURNING "Alert"."id", "Alert"."incidentId", "Alert"."title", "Alert"."lastDeliveryId"
    )
    SELECT arriving."id" AS "deliveryId",
      COALESCE((SELECT json_agg(json_build_object(
        'id', upserted."id", 'dedupKey', upserted."dedupKey", 'incidentId', upserted."incidentId", 'incidentNumber', incident."number",
        'occurrences', upserted."occurrences", 'inserted', upserted."inserted", 'serviceId', upserted."serviceId", 'groupKey', upserted."groupKey",
        'severity', upserted."severity", 'title', upserted."title", 'description', upserted."description", 'startsAt', upserted."startsAt"
      ) ORDER BY upserted."dedupKey") FROM upserted LEFT JOIN "Incident" incident ON incident."id" = upserted."incidentId"
        WHERE upserted."lastDeliveryId" = arriving."id"), '[]'::json) AS "firing",
      COALESCE((SELECT json_agg(json_build_object('id', ended."id", 'incidentId', ended."incidentId", 'title', ended."title"))
        FROM ended WHERE ended."lastDeliveryId" = arriving."id"), '[]'::json) AS "resolved"
    FROM arriving
    ORDER BY arriving."position"`;
  return rows.map((row) => ({
    deliveryId: row.deliveryId,
    // json_build_object renders timestamp(3) without a zone; the stored values are UTC.
    firing: row.firing.map((alert): TStoredFiringAlert => ({ ...alert, startsAt: new Date(`${alert.startsAt}Z`) })),
    resolved: row.resolved,
  }));
}
