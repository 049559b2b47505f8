// Error budgets and burn rates (SRE book and workbook), as pure functions over plain counts.
// An objective is an integer in parts per million of good events (999,000 for 99.9%), so the
// budget it allows is exact: every threshold below is compared in integers, never in floats that
// make 0.1% of errors against 99.9% a burn rate of 1.0000000000001. A window is a length in ms.

import { zonedInstant } from "@/lib/clock/zoned-time";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Parts per million: 100% of events. */
export const PPM = 1_000_000;

export type TSliCounts = { good: number; total: number };

/** 100% is impossible and every extra nine costs exponentially more: objectives are below 1,000,000 ppm. */
export function assertObjective(objectivePpm: number): void {
  if (!(Number.isSafeInteger(objectivePpm) && objectivePpm > 0 && objectivePpm < PPM)) {
    throw new RangeError(`An objective must be a whole number of parts per million between 0% and 100% exclusive (got ${objectivePpm} ppm)`);
  }
}

export const badEvents = (counts: TSliCounts) => counts.total - counts.good;

/** A number as the exact fraction its shortest decimal form says: 1.03 → 103/100 (not the binary float's 1.0300000000000000266…). */
export function decimalFraction(value: number): { numerator: bigint; denominator: bigint } {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`Expected a finite number of at least 0 (got ${value})`);
  const [, whole, decimals = "", exponent = "0"] = match;
  const scale = Number(exponent) - decimals.length;
  const digits = BigInt(`${whole}${decimals}`);
  return scale >= 0 ? { numerator: digits * 10n ** BigInt(scale), denominator: 1n } : { numerator: digits, denominator: 10n ** BigInt(-scale) };
}

/** bad × 1,000,000 and total × (1,000,000 − objective): their ratio is the share of the allowance spent, exactly. */
function allowanceTerms(objectivePpm: number, counts: TSliCounts): { spent: bigint; allowed: bigint } {
  assertObjective(objectivePpm);
  return { spent: BigInt(badEvents(counts)) * BigInt(PPM), allowed: BigInt(counts.total) * BigInt(PPM - objectivePpm) };
}

/** numerator ÷ denominator as a float, exact whenever the quotient is a whole number (1, not 0.9999999999999999). */
function quotient(numerator: bigint, denominator: bigint): number {
  const whole = numerator / denominator;
  return Number(whole) + Number(numerator - whole * denominator) / Number(denominator);
}

/**
 * Whether the bad events among `counts` are more than `times` the bad events the objective allows
 * among them: bad × 10⁶ × d > n × total × (10⁶ − ppm) for times = n/d, in integers. A burn rate
 * above a factor and a budget overspent (times = 1) are both this comparison.
 */
export function spendsMoreThan(objectivePpm: number, counts: TSliCounts, times: number): boolean {
  const { spent, allowed } = allowanceTerms(objectivePpm, counts);
  const { numerator, denominator } = decimalFraction(times);
  return spent * denominator > numerator * allowed;
}

export type TErrorBudget = {
  /** bad events the objective allows among the events seen */
  allowedBad: number;
  consumedBad: number;
  remainingBad: number;
  /** share of the budget used: 1 means all of it, above 1 means overspent */
  consumedFraction: number;
  /** 1 − consumedFraction; negative once overspent */
  remainingFraction: number;
  /** more bad events than the objective allows (exactly all of them is not overspent) */
  overspent: boolean;
  /** no events at all in the window: nothing consumed, nothing known */
  noData: boolean;
};

/** The error budget of the events seen so far in the window (a partial window counts what it has). */
export function errorBudget(objectivePpm: number, counts: TSliCounts): TErrorBudget {
  const { spent, allowed } = allowanceTerms(objectivePpm, counts);
  const allowedBad = quotient(allowed, BigInt(PPM));
  const consumedBad = badEvents(counts);
  const consumedFraction = counts.total === 0 ? 0 : quotient(spent, allowed);
  return {
    allowedBad,
    consumedBad,
    remainingBad: allowedBad - consumedBad,
    consumedFraction,
    remainingFraction: 1 - consumedFraction,
    overspent: spent > allowed,
    noData: counts.total === 0,
  };
}

/** Time-based budget, for SLIs counted as good and bad minutes: the unavailability the window allows. */
export function budgetMinutes(objectivePpm: number, windowMs: number): number {
  assertObjective(objectivePpm);
  return ((PPM - objectivePpm) * windowMs) / PPM / MINUTE;
}

/**
 * Burn rate: how fast the budget is spent relative to the rate that would spend exactly all of it
 * by the end of the window (1 = on track to use it all). Zero without data.
 */
export function burnRate(objectivePpm: number, counts: TSliCounts): number {
  const { spent, allowed } = allowanceTerms(objectivePpm, counts);
  return counts.total === 0 ? 0 : quotient(spent, allowed);
}

/** Budget share spent by burning at `rate` for `durationMs` of a `windowMs` window: 14.4 × 1 h / 30 d = 2%. */
export function budgetSpentAtBurnRate(rate: number, durationMs: number, windowMs: number): number {
  return (rate * durationMs) / windowMs;
}

/** The burn-rate factor that spends `budgetFraction` of the budget in `longWindowMs`: 2% in 1 h of 28 d → 13.44. */
export function burnRateFactor(budgetFraction: number, windowMs: number, longWindowMs: number): number {
  return (budgetFraction * windowMs) / longWindowMs;
}

export type TBurnRateAlertRule = { name: string; severity: "page" | "ticket"; factor: number; longWindowMs: number; shortWindowMs: number };

/** The SRE workbook's multi-window, multi-burn-rate alerts for a 30-day window; factors are configurable per SLO. */
export const WORKBOOK_BURN_RATE_ALERTS: TBurnRateAlertRule[] = [
  { name: "2% of budget in 1 h", severity: "page", factor: 14.4, longWindowMs: HOUR, shortWindowMs: 5 * MINUTE },
  { name: "5% of budget in 6 h", severity: "page", factor: 6, longWindowMs: 6 * HOUR, shortWindowMs: 30 * MINUTE },
  { name: "10% of budget in 1 d", severity: "ticket", factor: 3, longWindowMs: DAY, shortWindowMs: 2 * HOUR },
  { name: "10% of budget in 3 d", severity: "ticket", factor: 1, longWindowMs: 3 * DAY, shortWindowMs: 6 * HOUR },
];

// Each workbook alert spends this share of the budget within its long window.
const WORKBOOK_BUDGET_SHARES = [0.02, 0.05, 0.1, 0.1];

/** The workbook's factors scaled to a window: 14.4/6/3/1 for 30 days, Sloth's 13.44/5.6/2.8/0.93 for 28. */
export function defaultBurnRateFactors(windowMs: number): number[] {
  return WORKBOOK_BURN_RATE_ALERTS.map((rule, index) =>
    Number(burnRateFactor(WORKBOOK_BUDGET_SHARES[index] as number, windowMs, rule.longWindowMs).toFixed(2)),
  );
}

/**
 * The factors an SLO alerts with: its own when it has set them, otherwise the workbook's table
 * scaled to the window being evaluated, so a calendar month follows its own length (31 days:
 * 14.88/6.2/3.1/1.03).
 */
export function effectiveBurnRateFactors(ownFactors: number[], windowMs: number): number[] {
  return ownFactors.length > 0 ? ownFactors : defaultBurnRateFactors(windowMs);
}

/** The workbook's four alerts with an SLO's own factors, in the same order. */
export function burnRateAlertRules(factors: number[]): TBurnRateAlertRule[] {
  if (factors.length !== WORKBOOK_BURN_RATE_ALERTS.length) throw new RangeError(`Expected ${WORKBOOK_BURN_RATE_ALERTS.length} burn-rate factors`);
  return WORKBOOK_BURN_RATE_ALERTS.map((rule, index) => ({ ...rule, factor: factors[index] as number }));
}

/** The windows burn rates are shown for. */
export const BURN_RATE_WINDOWS_MS = [5 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 6 * HOUR, DAY, 3 * DAY];

export type TAlertState = { state: "page" | "ticket" | "ok"; firing: TBurnRateAlertRule[] };

/**
 * An alert fires when the error ratio exceeds factor × (1 − objective) in both its long and its
 * short window: the long window says the burn is significant, the short one that it is still going on.
 * A burn rate of exactly the factor does not fire (the workbook's strict ">").
 */
export function burnRateAlertState(
  objectivePpm: number,
  countsIn: (windowMs: number) => TSliCounts,
  rules: TBurnRateAlertRule[] = WORKBOOK_BURN_RATE_ALERTS,
): TAlertState {
  const firing = rules.filter(
    (rule) => spendsMoreThan(objectivePpm, countsIn(rule.longWindowMs), rule.factor) && spendsMoreThan(objectivePpm, countsIn(rule.shortWindowMs), rule.factor),
  );
  return { state: firing.some((rule) => rule.severity === "page") ? "page" : firing.length > 0 ? "ticket" : "ok", firing };
}

/** When the remaining budget runs out at a steady burn rate; null when it never does at this rate. */
export function projectedExhaustion(remainingFraction: number, rate: number, windowMs: number, now: Date): Date | null {
  if (remainingFraction <= 0) return now;
  if (rate <= 0) return null;
  return new Date(now.getTime() + (remainingFraction * windowMs) / rate);
}

export type TPolicyVerdict = "feature_work_ok" | "prioritise_reliability" | "freeze_risky_releases";

// Below this share of budget left, the next sprint goes to reliability.
export const RELIABILITY_THRESHOLD = 0.25;

/**
 * The error budget policy: budget exceeded → halt changes except P0 bugs and security fixes until
 * back within the SLO; nearly gone (less than 25% left, or exactly all spent) → reliability work
 * first; otherwise feature work goes ahead. Compared exactly, like the burn-rate alerts.
 */
export function policyVerdict(objectivePpm: number, counts: TSliCounts): TPolicyVerdict {
  if (spendsMoreThan(objectivePpm, counts, 1)) return "freeze_risky_releases";
  if (spendsMoreThan(objectivePpm, counts, 1 - RELIABILITY_THRESHOLD)) return "prioritise_reliability";
  return "feature_work_ok";
}

/** A single incident that consumed more than 20% of the budget needs at least one P0 action item. */
export const needsP0ActionItem = (incidentConsumedFraction: number) => incidentConsumedFraction > 0.2;

/** If recovering from a failure takes longer than the budget left, its recovery must be automated. */
export const recoveryNeedsAutomation = (recoveryMs: number, remainingBudgetMs: number) => recoveryMs > remainingBudgetMs;

/** The calendar month containing `now` in `timeZone`, as UTC instants [start, end). */
export function calendarMonthWindow(now: Date, timeZone: string): { start: Date; end: Date } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric" }).formatToParts(now).map((part) => [part.type, part.value]),
  );
  const year = Number(parts.year);
  const month = Number(parts.month);
  return { start: zonedMidnight(year, month, timeZone), end: zonedMidnight(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, timeZone) };
}

/** The UTC instant of 00:00 on the 1st of `month` in `timeZone`. */
const zonedMidnight = (year: number, month: number, timeZone: string): Date => zonedInstant({ year, month, day: 1 }, "00:00", timeZone);

const VERDICT_ORDER: TPolicyVerdict[] = ["feature_work_ok", "prioritise_reliability", "freeze_risky_releases"];

/** A service with several SLOs follows its worst one; null when none has data. */
export function worstVerdict(verdicts: (TPolicyVerdict | null)[]): TPolicyVerdict | null {
  const known = verdicts.filter((verdict): verdict is TPolicyVerdict => verdict !== null);
  if (known.length === 0) return null;
  return known.reduce((worst, verdict) => (VERDICT_ORDER.indexOf(verdict) > VERDICT_ORDER.indexOf(worst) ? verdict : worst));
}

/** Mean of durations; null when there are none (no incident acknowledged is not an MTTA of zero). */
export function meanDuration(durationsMs: (number | null)[]): number | null {
  const known = durationsMs.filter((duration): duration is number => duration !== null);
  return known.length === 0 ? null : known.reduce((sum, duration) => sum + duration, 0) / known.length;
}
