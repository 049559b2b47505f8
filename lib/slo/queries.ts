import { db } from "@/lib/db/prisma";
import { BURN_RATE_WINDOWS_MS, burnRate, burnRateAlertState, errorBudget, policyVerdict, projectedExhaustion, type TSliCounts } from "./rules";
import { sloWindowRange } from "./windows";

const DAY = 24 * 60 * 60_000;

type TSumRow = { windowMs: number; good: bigint | null; total: bigint | null };

/**
 * An SLO's budget, burn rates, alert state, verdict and projections at `now`. One query sums the
 * buckets of the SLO window and of every burn-rate window (FILTER per window).
 */
export async function sloStatus(sloId: string, now = new Date()) {
  const slo = await db().slo.findUnique({ where: { id: sloId }, include: { service: { select: { id: true, name: true, slug: true } } } });
  if (!slo) return null;
  const range = sloWindowRange(slo.window, slo.timeZone, now);
  const windows = [...new Set([range.end.getTime() - range.start.getTime(), ...BURN_RATE_WINDOWS_MS, 7 * DAY])];
  const earliest = Math.min(range.start.getTime(), now.getTime() - Math.max(...windows));
  const rows = await db().$queryRaw<TSumRow[]>`
    SELECT w."windowMs", sum(b."good") FILTER (WHERE b."minute" >= ${now}::timestamp(3) - make_interval(secs => w."windowMs" / 1000.0)) AS "good",
                         sum(b."total") FILTER (WHERE b."minute" >= ${now}::timestamp(3) - make_interval(secs => w."windowMs" / 1000.0)) AS "total"
    FROM unnest(${windows}::float8[]) AS w("windowMs")
    CROSS JOIN LATERAL (SELECT "good", "total", "minute" FROM "SliBucket" WHERE "sloId" = ${sloId} AND "minute" >= ${new Date(earliest)} AND "minute" <= ${now}) b
    GROUP BY w."windowMs"`;
  const countsIn = (windowMs: number): TSliCounts => {
    const row = rows.find((candidate) => Number(candidate.windowMs) === windowMs);
    return { good: Number(row?.good ?? 0), total: Number(row?.total ?? 0) };
  };
  const budget = errorBudget(slo.objective, countsIn(range.end.getTime() - range.start.getTime()));
  const burnRates = BURN_RATE_WINDOWS_MS.map((windowMs) => ({ windowMs, rate: burnRate(slo.objective, countsIn(windowMs)) }));
  return {
    slo,
    window: range,
    budget,
    burnRates,
    alert: burnRateAlertState(slo.objective, countsIn),
    verdict: budget.noData ? null : policyVerdict(budget.remainingFraction),
    exhaustion: {
      atOneDayRate: projectedExhaustion(budget.remainingFraction, burnRate(slo.objective, countsIn(DAY)), range.lengthMs, now),
      atSevenDayRate: projectedExhaustion(budget.remainingFraction, burnRate(slo.objective, countsIn(7 * DAY)), range.lengthMs, now),
    },
  };
}
export type TSloStatus = NonNullable<Awaited<ReturnType<typeof sloStatus>>>;

export function listSlos(serviceId?: string) {
  return db().slo.findMany({
    where: serviceId ? { serviceId } : {},
    orderBy: [{ serviceId: "asc" }, { name: "asc" }],
    select: { id: true, name: true, serviceId: true },
  });
}
