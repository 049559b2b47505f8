import { db } from "@/lib/db/prisma";

// Each statement handles at most `limit` rows, oldest first, so a large backlog is worked off in
// short statements that hold their row locks briefly; SKIP LOCKED steps around rows a concurrent
// statement holds. They run on the partial index of rows whose payload is still held.

/** Deletes up to `limit` rejected deliveries received before `before`; returns how many. */
export function deleteRejectedDeliveries(before: Date, limit: number): Promise<number> {
  // No alert points at a rejected delivery; the check keeps the cascade from ever taking one along.
  return db().$executeRaw`
    DELETE FROM "AlertDelivery" WHERE "id" IN (
      SELECT d."id" FROM "AlertDelivery" d
      WHERE d."bodyRemovedAt" IS NULL AND d."receivedAt" < ${before} AND NOT d."accepted"
        AND NOT EXISTS (SELECT 1 FROM "Alert" a WHERE a."firstDeliveryId" = d."id")
        AND NOT EXISTS (SELECT 1 FROM "Alert" a WHERE a."lastDeliveryId" = d."id")
      ORDER BY d."receivedAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )`;
}

/**
 * Empties the payloads of up to `limit` accepted deliveries received before `before`, and marks
 * when. The rows stay: alerts point at their first and latest delivery (and would go with them).
 * A payload is kept while an alert it delivered (first or latest) belongs to an incident with a
 * postmortem, which may quote it.
 */
export function removeAcceptedPayloads(before: Date, now: Date, limit: number): Promise<number> {
  return db().$executeRaw`
    UPDATE "AlertDelivery" SET "body" = '', "bodyRemovedAt" = ${now}
    WHERE "id" IN (
      SELECT d."id" FROM "AlertDelivery" d
      WHERE d."bodyRemovedAt" IS NULL AND d."receivedAt" < ${before} AND d."accepted"
        AND NOT EXISTS (SELECT 1 FROM "Alert" a JOIN "Postmortem" p ON p."incidentId" = a."incidentId" WHERE a."firstDeliveryId" = d."id")
        AND NOT EXISTS (SELECT 1 FROM "Alert" a JOIN "Postmortem" p ON p."incidentId" = a."incidentId" WHERE a."lastDeliveryId" = d."id")
      ORDER BY d."receivedAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )`;
}

/**
 * Deletes up to `limit` intake counters of minutes before `quietBefore` that refused nothing, and
 * of minutes before `refusedBefore` (null: never) that did.
 */
export function deleteIntakeMinutes(quietBefore: Date, refusedBefore: Date | null, limit: number): Promise<number> {
  return db().$executeRaw`
    DELETE FROM "IntakeMinute" WHERE ("integrationId", "minute") IN (
      SELECT "integrationId", "minute" FROM "IntakeMinute"
      WHERE "minute" < ${quietBefore} AND ("refused" = 0 OR "minute" < ${refusedBefore}::timestamp(3))
      ORDER BY "minute" LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )`;
}
