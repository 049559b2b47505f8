import type { TPrismaClient, TTransaction } from "@/lib/db/prisma";
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

/**
 * Stores a delivery and its alerts. A firing alert inserts a new episode or counts a repeat of the
 * one firing; a late copy of an episode that already resolved (same start) is skipped. A resolved
 * alert ends its firing episode, if there is one.
 */
export async function storeAlertBatch(tx: TTransaction | TPrismaClient, batch: TAlertBatch): Promise<TStoredBatch> {
  // Sorted so that concurrent deliveries lock alert rows in the same order.
  const firing = [...batch.firing].sort((a, b) => (a.alert.dedupKey < b.alert.dedupKey ? -1 : 1));
  const resolved = [...batch.resolved].sort((a, b) => (a.dedupKey < b.dedupKey ? -1 : 1));
  const column = <T>(pick: (entry: { alert: TNormalisedAlert; severity: Severity }) => T) => firing.map(pick);
  const rows = await tx.$queryRaw<TBatchRow[]>`
    WITH delivery AS (
      INSERT INTO "AlertDelivery" ("integrationId", "receivedAt", "accepted", "httpStatus", "reason", "externalId", "body", "alertCount")
      VALUES (${batch.integrationId}, ${batch.now}, true, 202, ${batch.notes.join("; ")}, ${batch.externalId ?? null}, ${redactCredentials(batch.rawBody)}, ${batch.alertCount})
      RETURNING "id"
    ),
    incoming AS (
      SELECT * FROM unnest(
        ${column(() => createId())}::text[], ${column(({ alert }) => alert.dedupKey)}::text[], ${column(({ alert }) => alert.groupKey)}::text[],
        ${column(({ alert }) => alert.level)}::"AlertLevel"[], ${column(({ alert }) => alert.sourceSeverity)}::text[], ${column(({ severity }) => severity)}::"Severity"[],
        ${column(({ alert }) => alert.title)}::text[], ${column(({ alert }) => alert.description)}::text[],
        ${column(({ alert }) => JSON.stringify(alert.labels))}::jsonb[], ${column(({ alert }) => JSON.stringify(alert.links))}::jsonb[],
        ${column(({ alert }) => alert.serviceHint?.trim().toLowerCase() ?? null)}::text[], ${column(({ alert }) => alert.startsAt.toISOString())}::timestamp(3)[]
      ) WITH ORDINALITY AS incoming("id", "dedupKey", "groupKey", "level", "sourceSeverity", "severity", "title", "description", "labels", "links", "serviceHint", "startsAt", "position")
    ),
    upserted AS (
      INSERT INTO "Alert" ("id", "integrationId", "source", "dedupKey", "groupKey", "status", "level", "sourceSeverity", "severity",
        "title", "description", "labels", "links", "serviceId", "startsAt", "firstSeenAt", "lastSeenAt", "occurrences", "firstDeliveryId", "lastDeliveryId")
      SELECT incoming."id", ${batch.integrationId}, ${batch.source}::"AlertSource", incoming."dedupKey", incoming."groupKey", 'firing'::"AlertStatus",
        incoming."level", incoming."sourceSeverity", incoming."severity", incoming."title", incoming."description", incoming."labels", incoming."links",
        COALESCE(service."id", ${batch.defaultServiceId}), incoming."startsAt", ${batch.now}, ${batch.now}, 1, delivery."id", delivery."id"
      FROM incoming CROSS JOIN delivery
      LEFT JOIN LATERAL (
        SELECT "id" FROM "Service" WHERE incoming."serviceHint" IS NOT NULL AND ("slug" = incoming."serviceHint" OR lower("name") = incoming."serviceHint")
        ORDER BY ("slug" = incoming."serviceHint") DESC LIMIT 1
      ) service ON true
      WHERE NOT EXISTS (
        SELECT 1 FROM "Alert" earlier WHERE earlier."integrationId" = ${batch.integrationId} AND earlier."dedupKey" = incoming."dedupKey"
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
        "title", "description", "startsAt"
    ),
    ended AS (
      UPDATE "Alert" SET "status" = 'resolved', "endsAt" = ending."endsAt", "lastSeenAt" = ${batch.now}, "lastDeliveryId" = (SELECT "id" FROM delivery)
      FROM unnest(${resolved.map((alert) => alert.dedupKey)}::text[], ${resolved.map((alert) => (alert.endsAt ?? batch.now).toISOString())}::timestamp(3)[]) AS ending("dedupKey", "endsAt")
      WHERE "Alert"."integrationId" = ${batch.integrationId} AND "Alert"."dedupKey" = ending."dedupKey" AND "Alert"."status" = 'firing'
      RETURNING "Alert"."id", "Alert"."incidentId", "Alert"."title"
    )
    SELECT
      (SELECT "id" FROM delivery) AS "deliveryId",
      COALESCE((SELECT json_agg(json_build_object(
        'id', upserted."id", 'dedupKey', upserted."dedupKey", 'incidentId', upserted."incidentId", 'incidentNumber', incident."number",
        'occurrences', upserted."occurrences", 'inserted', upserted."inserted", 'serviceId', upserted."serviceId", 'groupKey', upserted."groupKey",
        'severity', upserted."severity", 'title', upserted."title", 'description', upserted."description", 'startsAt', upserted."startsAt"
      ) ORDER BY upserted."dedupKey") FROM upserted LEFT JOIN "Incident" incident ON incident."id" = upserted."incidentId"), '[]'::json) AS "firing",
      COALESCE((SELECT json_agg(json_build_object('id', ended."id", 'incidentId', ended."incidentId", 'title', ended."title")) FROM ended), '[]'::json) AS "resolved"`;
  const row = rows[0] as TBatchRow;
  return {
    deliveryId: row.deliveryId,
    // json_build_object renders timestamp(3) without a zone; the stored values are UTC.
    firing: row.firing.map((alert): TStoredFiringAlert => ({ ...alert, startsAt: new Date(`${alert.startsAt}Z`) })),
    resolved: row.resolved,
  };
}
