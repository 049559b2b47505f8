import { describe, expect, it } from "vitest";
import {
  assertObjective,
  budgetMinutes,
  budgetSpentAtBurnRate,
  burnRate,
  burnRateAlertState,
  burnRateAlertRules,
  burnRateFactor,
  defaultBurnRateFactors,
  calendarMonthWindow,
  decimalFraction,
  effectiveBurnRateFactors,
  errorBudget,
  needsP0ActionItem,
  policyVerdict,
  projectedExhaustion,
  meanDuration,
  recoveryNeedsAutomation,
  spendsMoreThan,
  worstVerdict,
} from "./rules";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("the SRE workbook's figures", () => {
  it("a 99.9% / 30-day SLO burning at 14.4× consumes 2% of its budget in one hour", () => {
    expect(budgetSpentAtBurnRate(14.4, HOUR, 30 * DAY)).toBeCloseTo(0.02, 10);
    expect(budgetSpentAtBurnRate(6, 6 * HOUR, 30 * DAY)).toBeCloseTo(0.05, 10);
    expect(budgetSpentAtBurnRate(3, DAY, 30 * DAY)).toBeCloseTo(0.1, 10);
    expect(budgetSpentAtBurnRate(1, 3 * DAY, 30 * DAY)).toBeCloseTo(0.1, 10);
  });

  it("gives Sloth's 28-day factors 13.44 / 5.6 / 2.8 / 0.93", () => {
    expect(burnRateFactor(0.02, 28 * DAY, HOUR)).toBeCloseTo(13.44, 10);
    expect(burnRateFactor(0.05, 28 * DAY, 6 * HOUR)).toBeCloseTo(5.6, 10);
    expect(burnRateFactor(0.1, 28 * DAY, DAY)).toBeCloseTo(2.8, 10);
    expect(burnRateFactor(0.1, 28 * DAY, 3 * DAY)).toBeCloseTo(0.933, 3);
  });

  it("a 99.9% SLO over 30 days allows 43.2 minutes of unavailability", () => {
    expect(budgetMinutes(999_000, 30 * DAY)).toBeCloseTo(43.2, 10);
  });
});

describe("error budget", () => {
  it("counts allowed, consumed and remaining bad events", () => {
    const budget = errorBudget(999_000, { good: 999_500, total: 1_000_000 });
    expect(budget.allowedBad).toBe(1000);
    expect(budget.consumedBad).toBe(500);
    expect(budget.remainingBad).toBe(500);
    expect(budget.consumedFraction).toBe(0.5);
    expect(budget.remainingFraction).toBe(0.5);
    expect(budget.overspent).toBe(false);
    expect(budget.noData).toBe(false);
  });

  it("has nothing consumed and says so when there is no data", () => {
    expect(errorBudget(990_000, { good: 0, total: 0 })).toMatchObject({ consumedFraction: 0, remainingFraction: 1, noData: true });
  });

  it("goes negative when overspent, and is all gone when everything failed", () => {
    expect(errorBudget(990_000, { good: 97, total: 100 })).toMatchObject({ remainingFraction: -2, overspent: true });
    expect(errorBudget(990_000, { good: 0, total: 100 }).consumedFraction).toBe(100);
  });

  it("rejects 100% (and anything outside 0–100%, or between two parts per million)", () => {
    expect(() => assertObjective(1_000_000)).toThrow(/between 0% and 100%/);
    expect(() => errorBudget(1_200_000, { good: 1, total: 1 })).toThrow();
    expect(() => burnRate(0, { good: 1, total: 1 })).toThrow();
    expect(() => burnRate(0.999, { good: 1, total: 1 })).toThrow(/whole number of parts per million/);
  });
});

describe("objectives compared exactly (in parts per million, never in floats)", () => {
  // The case: errors at exactly 0.1% against 99.9% is a burn rate of exactly 1.
  const exactlyTheBudget = { good: 999_000, total: 1_000_000 };
  const justAbove = { good: 998_999, total: 1_000_000 };

  it("reads errors at exactly 0.1% against 99.9% as a burn rate of 1: no ticket, budget spent but not exceeded", () => {
    expect(burnRate(999_000, exactlyTheBudget)).toBe(1);
    expect(burnRateAlertState(999_000, () => exactlyTheBudget)).toEqual({ state: "ok", firing: [] });
    expect(errorBudget(999_000, exactlyTheBudget)).toMatchObject({ allowedBad: 1000, consumedFraction: 1, remainingFraction: 0, overspent: false });
    expect(policyVerdict(999_000, exactlyTheBudget)).not.toBe("freeze_risky_releases");
  });

  it("fires the 3-day ticket and freezes one bad event later", () => {
    expect(burnRateAlertState(999_000, () => justAbove)).toMatchObject({ state: "ticket", firing: [{ name: "10% of budget in 3 d" }] });
    expect(errorBudget(999_000, justAbove).overspent).toBe(true);
    expect(policyVerdict(999_000, justAbove)).toBe("freeze_risky_releases");
  });

  it("compares against a factor as written (1.03, 14.4), and stays exact beyond 2^53", () => {
    // 99.9% of 10^8 events allows 10^5 bad ones: 103,000 is exactly 1.03× (1.0300000000000002 in floats).
    expect(spendsMoreThan(999_000, { good: 100_000_000 - 103_000, total: 100_000_000 }, 1.03)).toBe(false);
    expect(spendsMoreThan(999_000, { good: 100_000_000 - 103_001, total: 100_000_000 }, 1.03)).toBe(true);
    // 10^12 events at 99.99%: 14.4× the budget is 1.44 × 10^9 bad events; the products pass 2^53.
    const total = 1_000_000_000_000;
    expect(spendsMoreThan(999_900, { good: total - 1_440_000_000, total }, 14.4)).toBe(false);
    expect(spendsMoreThan(999_900, { good: total - 1_440_000_001, total }, 14.4)).toBe(true);
  });

  it("reads a number's decimal digits as an exact fraction", () => {
    expect(decimalFraction(1.03)).toEqual({ numerator: 103n, denominator: 100n });
    expect(decimalFraction(14.4)).toEqual({ numerator: 144n, denominator: 10n });
    expect(decimalFraction(3)).toEqual({ numerator: 3n, denominator: 1n });
    expect(decimalFraction(1e-7)).toEqual({ numerator: 1n, denominator: 10_000_000n });
    expect(decimalFraction(1e21)).toEqual({ numerator: 10n ** 21n, denominator: 1n });
    expect(() => decimalFraction(Number.NaN)).toThrow(RangeError);
  });
});

describe("burn-rate alerts", () => {
  const objective = 999_000;
  // An error ratio of 2% is a burn rate of 20 in every window.
  const steadyTwoPercent = () => ({ good: 98, total: 100 });

  it("pages when both the long and the short window burn faster than the factor", () => {
    expect(burnRate(objective, steadyTwoPercent())).toBe(20);
    const state = burnRateAlertState(objective, steadyTwoPercent);
    expect(state.state).toBe("page");
    expect(state.firing.map((rule) => rule.factor)).toEqual([14.4, 6, 3, 1]);
  });

  it("stays quiet once the short window has recovered, even if the long one still shows the burn", () => {
    const recovered = (windowMs: number) => (windowMs <= 30 * 60_000 ? { good: 1000, total: 1000 } : { good: 98, total: 100 });
    expect(burnRateAlertState(objective, recovered).firing.map((rule) => rule.factor)).toEqual([3, 1]);
    expect(burnRateAlertState(objective, recovered).state).toBe("ticket");
  });

  it("is ok with no data and exactly at the factor (the ratio must exceed it)", () => {
    expect(burnRateAlertState(objective, () => ({ good: 0, total: 0 })).state).toBe("ok");
    expect(burnRateAlertState(objective, () => ({ good: 99_900, total: 100_000 })).state).toBe("ok");
  });
});

describe("projections and policy", () => {
  const now = new Date("2026-11-24T00:00:00Z");
  it("projects when the budget runs out at the current burn rate", () => {
    // Half the budget left, burning at 2× over a 30-day window: 7.5 days.
    expect(projectedExhaustion(0.5, 2, 30 * DAY, now)?.toISOString()).toBe("2026-12-01T12:00:00.000Z");
    expect(projectedExhaustion(0.5, 0, 30 * DAY, now)).toBeNull();
    expect(projectedExhaustion(-0.1, 2, 30 * DAY, now)).toEqual(now);
  });

  it("turns the budget left into the sprint's priority: freeze only once it is exceeded", () => {
    // 99% over 10,000 events allows 100 bad ones.
    const withBad = (bad: number) => ({ good: 10_000 - bad, total: 10_000 });
    expect(policyVerdict(990_000, withBad(40))).toBe("feature_work_ok");
    expect(policyVerdict(990_000, withBad(75))).toBe("feature_work_ok");
    expect(policyVerdict(990_000, withBad(76))).toBe("prioritise_reliability");
    expect(policyVerdict(990_000, withBad(100))).toBe("prioritise_reliability");
    expect(policyVerdict(990_000, withBad(101))).toBe("freeze_risky_releases");
    expect(policyVerdict(990_000, withBad(150))).toBe("freeze_risky_releases");
  });

  it("asks for a P0 action item above 20% of the budget, and automation when recovery outlasts the budget", () => {
    expect(needsP0ActionItem(0.21)).toBe(true);
    expect(needsP0ActionItem(0.2)).toBe(false);
    expect(recoveryNeedsAutomation(30 * 60_000, 15 * 60_000)).toBe(true);
    expect(recoveryNeedsAutomation(10 * 60_000, 15 * 60_000)).toBe(false);
  });
});

describe("calendar-month windows", () => {
  it("start at local midnight on the 1st in the team's time zone", () => {
    const tokyo = calendarMonthWindow(new Date("2026-11-30T16:00:00Z"), "Asia/Tokyo");
    expect(tokyo.start.toISOString()).toBe("2026-11-30T15:00:00.000Z");
    expect(tokyo.end.toISOString()).toBe("2026-12-31T15:00:00.000Z");
    const utc = calendarMonthWindow(new Date("2026-11-30T16:00:00Z"), "UTC");
    expect(utc.start.toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });

  it("follow daylight saving time changes", () => {
    const newYork = calendarMonthWindow(new Date("2026-11-15T12:00:00Z"), "America/New_York");
    expect(newYork.start.toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(newYork.end.toISOString()).toBe("2026-12-01T05:00:00.000Z");
  });
});

describe("burn-rate factors per SLO", () => {
  it("scales the workbook's factors to the window: 30 days, Sloth's 28 days and a 31-day month", () => {
    expect(defaultBurnRateFactors(30 * DAY)).toEqual([14.4, 6, 3, 1]);
    expect(defaultBurnRateFactors(28 * DAY)).toEqual([13.44, 5.6, 2.8, 0.93]);
    expect(defaultBurnRateFactors(31 * DAY)).toEqual([14.88, 6.2, 3.1, 1.03]);
  });

  it("uses an SLO's own factors as they are, and the scaled table when it has none", () => {
    expect(effectiveBurnRateFactors([], 31 * DAY)).toEqual([14.88, 6.2, 3.1, 1.03]);
    expect(effectiveBurnRateFactors([20, 8, 3, 1], 31 * DAY)).toEqual([20, 8, 3, 1]);
  });

  it("alerts with the SLO's own factors", () => {
    const rules = burnRateAlertRules([20, 6, 3, 1]);
    // Burning at 15× in every window: above the workbook's 14.4 but below this SLO's 20 for the first alert.
    const countsIn = () => ({ good: 985, total: 1000 });
    expect(burnRateAlertState(999_000, countsIn).firing.map((rule) => rule.factor)).toEqual([14.4, 6, 3, 1]);
    expect(burnRateAlertState(999_000, countsIn, rules).firing.map((rule) => rule.factor)).toEqual([6, 3, 1]);
    expect(() => burnRateAlertRules([1, 2])).toThrow(RangeError);
  });
});

describe("sprint review rules", () => {
  it("gives a service its worst SLO's verdict", () => {
    expect(worstVerdict(["feature_work_ok", "prioritise_reliability", null])).toBe("prioritise_reliability");
    expect(worstVerdict(["freeze_risky_releases", "feature_work_ok"])).toBe("freeze_risky_releases");
    expect(worstVerdict([null])).toBeNull();
  });

  it("averages only known durations", () => {
    expect(meanDuration([60_000, null, 180_000])).toBe(120_000);
    expect(meanDuration([null])).toBeNull();
  });
});
