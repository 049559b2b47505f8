import { assertCan, type TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { notFound, unprocessable } from "@/lib/errors";
import type { TSliBatch, TSloCreate } from "./schema";
import { sloWindowRange } from "./windows";

const MINUTE = 60_000;

export async function createSlo(actor: TActor, input: TSloCreate) {
  assertCan(actor, "incident:write");
  const service = await db().service.findUnique({ where: { id: input.serviceId }, select: { id: true } });
  if (!service) throw unprocessable("serviceId: no such service");
  const { objectivePercent, ...rest } = input;
  return db().slo.create({ data: { ...rest, objective: objectivePercent / 100 } });
}

/**
 * Stores pushed SLI counts, one row per minute; re-sending a minute replaces it. Every bucket is
 * checked before anything is written: minutes in the future or before the SLO's window are refused.
 */
export async function pushSliBuckets(actor: TActor, sloId: string, batch: TSliBatch, now = new Date()) {
  assertCan(actor, "incident:write");
  const slo = await db().slo.findUnique({ where: { id: sloId } });
  if (!slo) throw notFound("SLO");
  const { start } = sloWindowRange(slo.window, slo.timeZone, now);
  const minutes = batch.buckets.map((bucket) => new Date(Math.floor(bucket.minute.getTime() / MINUTE) * MINUTE));
  batch.buckets.forEach((bucket, index) => {
    if (bucket.minute.getTime() > now.getTime()) throw unprocessable(`buckets.${index}.minute: ${bucket.minute.toISOString()} is in the future`);
    if ((minutes[index] as Date) < start)
      throw unprocessable(`buckets.${index}.minute: ${bucket.minute.toISOString()} is before the SLO's window (${start.toISOString()})`);
  });
  // The last value sent for a minute wins, also within one batch.
  const byMinute = new Map(batch.buckets.map((bucket, index) => [(minutes[index] as Date).getTime(), bucket]));
  const rows = [...byMinute].map(([minute, bucket]) => ({ minute: new Date(minute), good: bucket.good, total: bucket.total }));
  await db().$executeRaw`
    INSERT INTO "SliBucket" ("sloId", "minute", "good", "total")
    SELECT ${sloId}, minute, good, total
    FROM unnest(${rows.map((row) => row.minute.toISOString())}::timestamp(3)[], ${rows.map((row) => row.good)}::bigint[], ${rows.map((row) => row.total)}::bigint[]) AS pushed(minute, good, total)
    ON CONFLICT ("sloId", "minute") DO UPDATE SET "good" = EXCLUDED."good", "total" = EXCLUDED."total"`;
  return { stored: rows.length };
}
