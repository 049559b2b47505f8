import { db } from "@/lib/db/prisma";
import type { TSliCounts } from "./rules";

/** Good and total events of one SLO in [from, to). */
export type TSliInterval = { sloId: string; from: Date; to: Date };

type TSumRow = { position: bigint; good: bigint | null; total: bigint | null };

/**
 * Sums many intervals in one query. Whole hours come from the hourly rollup and only the ragged
 * ends (under an hour each) from minute buckets, so a 30-day window reads ~720 rollup rows and at
 * most 118 minutes, whatever its length in minutes.
 *
 * An incident-measured SLO's minutes after its last collection (and after its last stored minute:
 * a recount moves collectedThrough back over minutes still stored) are counted from its outages
 * here, as the collector will store them (minutesFromOutages, whose rule the SQL repeats): a figure
 * read as of an instant then stays the same whether the collector has run since or not, so a
 * review's export matches its page. That tail is normally a minute or two long.
 */
export async function sumSliIntervals(intervals: TSliInterval[]): Promise<TSliCounts[]> {
  if (intervals.length === 0) return [];
  const rows = await db().$queryRaw<TSumRow[]>`
    WITH interval_edges AS (
      SELECT position, slo_id, t_from, t_to,
             date_trunc('hour', t_from) + CASE WHEN date_trunc('hour', t_from) < t_from THEN interval '1 hour' ELSE interval '0' END AS first_hour,
             date_trunc('hour', t_to) AS last_hour
      FROM unnest(${intervals.map((interval) => interval.sloId)}::text[],
                  ${intervals.map((interval) => interval.from.toISOString())}::timestamp(3)[],
                  ${intervals.map((interval) => interval.to.toISOString())}::timestamp(3)[]) WITH ORDINALITY AS i(slo_id, t_from, t_to, position)
    )
    SELECT e.position, coalesce(hours.good, 0) + coalesce(head.good, 0) + coalesce(tail.good, 0) + coalesce(uncollected.good, 0) AS good,
                       coalesce(hours.total, 0) + coalesce(head.total, 0) + coalesce(tail.total, 0) + coalesce(uncollected.total, 0) AS total
    FROM interval_edges e
    LEFT JOIN LATERAL (
      SELECT sum(h."good") AS good, sum(h."total") AS total FROM "SliHour" h
      WHERE h."sloId" = e.slo_id AND h."hour" >= e.first_hour AND h."hour" < e.last_hour
    ) hours ON true
    LEFT JOIN LATERAL (
      SELECT sum(b."good") AS good, sum(b."total") AS total FROM "SliBucket" b
      WHERE b."sloId" = e.slo_id AND b."minute" >= e.t_from AND b."minute" < least(e.first_hour, e.t_to)
    ) head ON true
    LEFT JOIN LATERAL (
      SELECT sum(b."good") AS good, sum(b."total") AS total FROM "SliBucket" b
      WHERE b."sloId" = e.slo_id AND b."minute" >= greatest(e.last_hour, e.first_hour) AND b."minute" < e.t_to
    ) tail ON true
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE NOT EXISTS (
               SELECT 1 FROM "IncidentSloImpact" l JOIN "Incident" i ON i."id" = l."incidentId"
               WHERE l."sloId" = s."id" AND l."impact" = 'full_outage'
                 AND i."startedAt" < m.minute + interval '1 minute' AND coalesce(i."mitigatedAt", i."resolvedAt", 'infinity') > m.minute)) AS good,
             count(*) AS total
      FROM "Slo" s
      CROSS JOIN LATERAL (SELECT max(b."minute") + interval '1 minute' AS after_stored FROM "SliBucket" b WHERE b."sloId" = s."id") stored
      CROSS JOIN LATERAL generate_series(date_trunc('minute', greatest(e.t_from, s."collectedThrough", stored.after_stored) + interval '59.999 seconds'),
                                         e.t_to - interval '1 millisecond', interval '1 minute') AS m(minute)
      WHERE s."id" = e.slo_id AND s."source" = 'incidents' AND s."collectedThrough" IS NOT NULL
    ) uncollected ON true`;
  const counts = new Map(rows.map((row) => [Number(row.position), { good: Number(row.good ?? 0), total: Number(row.total ?? 0) }]));
  return intervals.map((_, index) => counts.get(index + 1) ?? { good: 0, total: 0 });
}

/** Bad events per hour of one SLO in [from, to), for burn-down charts. */
export async function hourlySliCounts(sloId: string, from: Date, to: Date): Promise<{ hour: Date; good: number; total: number }[]> {
  const rows = await db().$queryRaw<{ hour: Date; good: bigint; total: bigint }[]>`
    SELECT "hour", "good", "total" FROM "SliHour" WHERE "sloId" = ${sloId} AND "hour" >= ${from} AND "hour" < ${to} ORDER BY "hour"`;
  return rows.map((row) => ({ hour: row.hour, good: Number(row.good), total: Number(row.total) }));
}
