import type { Slo } from "@/lib/generated/prisma/client";
import {
  BURN_RATE_WINDOWS_MS,
  budgetMinutes,
  burnRate,
  burnRateAlertRules,
  burnRateAlertState,
  effectiveBurnRateFactors,
  errorBudget,
  policyVerdict,
  projectedExhaustion,
  type TSliCounts,
} from "./rules";
import { sumSliIntervals, type TSliInterval } from "./sli-sums";
import { sloVerdict } from "./verdict";
import { LONGEST_RATE_WINDOW_MS, sloWindowRange, windowEndAt } from "./windows";

const DAY = 24 * 60 * 60_000;

/** `objective` is in parts per million (999000 = 99.9%). */
export type TSloForStatus = Pick<Slo, "id" | "objective" | "window" | "timeZone" | "burnRateFactors">;

/** Everything known about one SLO at one instant; plain data, so pages and the API show the same. */
function statusFromCounts(slo: TSloForStatus, end: Date, countsIn: (windowMs: number) => TSliCounts, windowCounts: TSliCounts) {
  const range = sloWindowRange(slo.window, slo.timeZone, end);
  const budget = errorBudget(slo.objective, windowCounts);
  const burnRates = BURN_RATE_WINDOWS_MS.map((windowMs) => ({ windowMs, rate: burnRate(slo.objective, countsIn(windowMs)) }));
  const burnRateRules = burnRateAlertRules(effectiveBurnRateFactors(slo.burnRateFactors, range.lengthMs));
  const verdict = budget.noData ? null : policyVerdict(slo.objective, windowCounts);
  const alert = burnRateAlertState(slo.objective, countsIn, burnRateRules);
  const atOneDayRate = projectedExhaustion(budget.remainingFraction, burnRate(slo.objective, countsIn(DAY)), range.lengthMs, end);
  return {
    window: range,
    counts: windowCounts,
    budget,
    /** the budget as unavailability time over the whole window, and what is left of it */
    budgetMinutes: budgetMinutes(slo.objective, range.lengthMs),
    remainingBudgetMinutes: Math.max(0, budget.remainingFraction) * budgetMinutes(slo.objective, range.lengthMs),
    burnRates,
    /** the four alerts with the factors in force for this window (a calendar month's own length when the SLO has none of its own) */
    burnRateRules,
    alert,
    verdict,
    /** the verdict told with its reason: the budget left and where today's burn takes it, in one voice */
    assessment: sloVerdict({ budget, verdict, alert: alert.state, exhaustsAt: atOneDayRate, window: { kind: slo.window, ...range } }),
    exhaustion: {
      atOneDayRate,
      atSevenDayRate: projectedExhaustion(budget.remainingFraction, burnRate(slo.objective, countsIn(LONGEST_RATE_WINDOW_MS)), range.lengthMs, end),
    },
  };
}
export type TSloStatus = ReturnType<typeof statusFromCounts>;

/**
 * The status of many SLOs at `now` in one database round trip: each SLO's window plus every
 * burn-rate window and 7 days, all summed by sumSliIntervals. Every window ends at the last
 * complete minute, and the burn-rate windows reach back their whole length even where the budget
 * window starts later (a calendar month's first days).
 */
export async function sloStatuses<TSlo extends TSloForStatus>(slos: TSlo[], now = new Date()): Promise<(TSloStatus & { slo: TSlo })[]> {
  const end = windowEndAt(now);
  const lengths = [...new Set([...BURN_RATE_WINDOWS_MS, LONGEST_RATE_WINDOW_MS])];
  const intervals: TSliInterval[] = slos.flatMap((slo) => [
    { sloId: slo.id, from: sloWindowRange(slo.window, slo.timeZone, end).start, to: end },
    ...lengths.map((length) => ({ sloId: slo.id, from: new Date(end.getTime() - length), to: end })),
  ]);
  const sums = await sumSliIntervals(intervals);
  const perSlo = lengths.length + 1;
  return slos.map((slo, index) => {
    const own = sums.slice(index * perSlo, (index + 1) * perSlo);
    const countsIn = (windowMs: number) => own[1 + lengths.indexOf(windowMs)] ?? { good: 0, total: 0 };
    return { slo, ...statusFromCounts(slo, end, countsIn, own[0] as TSliCounts) };
  });
}

/** Each SLO's good and total events in the windows ending at each of `instants`, for "at sprint start / end". */
export async function windowCountsAt(slos: TSloForStatus[], instants: Date[]): Promise<Map<string, TSliCounts[]>> {
  const intervals = slos.flatMap((slo) =>
    instants.map((instant) => {
      const range = sloWindowRange(slo.window, slo.timeZone, instant);
      return { sloId: slo.id, from: range.start, to: range.end };
    }),
  );
  const sums = await sumSliIntervals(intervals);
  return new Map(slos.map((slo, index) => [slo.id, sums.slice(index * instants.length, (index + 1) * instants.length)]));
}
