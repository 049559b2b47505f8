import type { TTransaction } from "@/lib/db/prisma";

export type TSliMinute = { minute: Date; good: number; total: number };

/**
 * The one writer of SLI counts: stores minute buckets (a minute written again is replaced) and
 * rewrites the hourly rollup of every hour it touched, in the caller's transaction. The SLO is
 * locked for the transaction so two writers of one SLO cannot each sum an hour without the
 * other's minutes.
 */
export async function writeSliMinutes(tx: TTransaction, sloId: string, minutes: TSliMinute[]): Promise<number> {
  if (minutes.length === 0) return 0;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sli:' || ${sloId}))`;
  await tx.$executeRaw`
    INSERT INTO "SliBucket" ("sloId", "minute", "good", "total")
    SELECT ${sloId}, minute, good, total
    FROM unnest(${minutes.map((row) => row.minute.toISOString())}::timestamp(3)[], ${minutes.map((row) => row.good)}::bigint[],
                ${minutes.map((row) => row.total)}::bigint[]) AS written(minute, good, total)
    ON CONFLICT ("sloId", "minute") DO UPDATE SET "good" = EXCLUDED."good", "total" = EXCLUDED."total"`;
  await rollUpHours(tx, sloId, [...new Set(minutes.map((row) => Math.floor(row.minute.getTime() / HOUR) * HOUR))]);
  return minutes.length;
}

const HOUR = 3_600_000;

async function rollUpHours(tx: TTransaction, sloId: string, hours: number[]) {
  await tx.$executeRaw`
    INSERT INTO "SliHour" ("sloId", "hour", "good", "total", "minutes")
    SELECT ${sloId}, touched.hour, sum(b."good"), sum(b."total"), count(*)
    FROM unnest(${hours.map((hour) => new Date(hour).toISOString())}::timestamp(3)[]) AS touched(hour)
    JOIN "SliBucket" b ON b."sloId" = ${sloId} AND b."minute" >= touched.hour AND b."minute" < touched.hour + interval '1 hour'
    GROUP BY touched.hour
    ON CONFLICT ("sloId", "hour") DO UPDATE SET "good" = EXCLUDED."good", "total" = EXCLUDED."total", "minutes" = EXCLUDED."minutes"`;
}

/**
 * Deletes up to `limit` minute buckets of one SLO before `before`, except those in `keptHours`
 * (hour starts), oldest first; returns how many. The hourly rollup is left as it is: sums of whole
 * hours read it, never the minutes. Holds the SLO's writer lock, so no writer sums an hour while
 * its minutes go.
 */
export async function deleteSliMinutes(tx: TTransaction, sloId: string, before: Date, keptHours: Date[], limit: number): Promise<number> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sli:' || ${sloId}))`;
  return tx.$executeRaw`
    DELETE FROM "SliBucket" WHERE "sloId" = ${sloId} AND "minute" IN (
      SELECT "minute" FROM "SliBucket"
      WHERE "sloId" = ${sloId} AND "minute" < ${before}
        AND date_trunc('hour', "minute") NOT IN (SELECT unnest(${keptHours.map((hour) => hour.toISOString())}::timestamp(3)[]))
      ORDER BY "minute" LIMIT ${limit}
    )`;
}
