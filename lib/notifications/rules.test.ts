import { describe, expect, it } from "vitest";
import { dueRules, nextDueOffsetMs, rulesForUrgency, testRetryAfterSeconds, type TRule } from "./rules";

const MINUTE = 60_000;
// "push at once, email after 2 minutes, phone after 5 for high urgency; email at once for low"
const RULES: TRule[] = [
  { id: "r-phone", contactMethodId: "phone", urgency: "high", delayMinutes: 5 },
  { id: "r-push", contactMethodId: "push", urgency: "high", delayMinutes: 0 },
  { id: "r-email", contactMethodId: "email", urgency: "high", delayMinutes: 2 },
  { id: "r-low-email", contactMethodId: "email", urgency: "low", delayMinutes: 0 },
];
const ids = (rules: TRule[]) => rules.map((rule) => rule.id);
const tried = (entries: [string, boolean][]) => new Map(entries);

describe("dueRules", () => {
  it("sends push at once, email after 2 minutes and phone after 5 for high urgency", () => {
    expect(ids(dueRules(RULES, "high", 0, tried([])))).toEqual(["r-push"]);
    expect(ids(dueRules(RULES, "high", 2 * MINUTE - 1, tried([["r-push", true]])))).toEqual([]);
    expect(ids(dueRules(RULES, "high", 2 * MINUTE, tried([["r-push", true]])))).toEqual(["r-email"]);
    expect(ids(dueRules(RULES, "high", 5 * MINUTE, tried([["r-push", true], ["r-email", true]])))).toEqual(["r-phone"]);
    expect(ids(dueRules(RULES, "high", 60 * MINUTE, tried([["r-push", true], ["r-email", true], ["r-phone", true]])))).toEqual([]);
  });

  it("keeps high and low urgency apart", () => {
    expect(ids(dueRules(RULES, "low", 0, tried([])))).toEqual(["r-low-email"]);
    expect(ids(dueRules(RULES, "low", 10 * MINUTE, tried([["r-low-email", true]])))).toEqual([]);
  });

  it("sends every overdue rule at once when it is checked late (after a restart)", () => {
    expect(ids(dueRules(RULES, "high", 6 * MINUTE, tried([])))).toEqual(["r-push", "r-email", "r-phone"]);
  });

  it("falls through to the next rule at once when every rule tried so far failed", () => {
    expect(ids(dueRules(RULES, "high", 10_000, tried([["r-push", false]])))).toEqual(["r-email"]);
    expect(ids(dueRules(RULES, "high", 10_000, tried([["r-push", false], ["r-email", false]])))).toEqual(["r-phone"]);
    expect(ids(dueRules(RULES, "high", 10_000, tried([["r-push", false], ["r-email", false], ["r-phone", false]])))).toEqual([]);
  });

  it("waits for the next rule's time once someone was reached, even if another method failed", () => {
    const sameTime: TRule[] = [...RULES, { id: "r-ntfy", contactMethodId: "ntfy", urgency: "high", delayMinutes: 0 }];
    expect(ids(dueRules(sameTime, "high", 0, tried([])))).toEqual(["r-ntfy", "r-push"]);
    expect(ids(dueRules(sameTime, "high", 30_000, tried([["r-push", false], ["r-ntfy", true]])))).toEqual([]);
  });

  it("sends nothing when the user has no rule for that urgency", () => {
    expect(dueRules(RULES.filter((rule) => rule.urgency === "high"), "low", 99 * MINUTE, tried([]))).toEqual([]);
  });
});

describe("nextDueOffsetMs", () => {
  it("is the delay of the first untried rule, or null when all were tried", () => {
    expect(nextDueOffsetMs(RULES, "high", tried([]))).toBe(0);
    expect(nextDueOffsetMs(RULES, "high", tried([["r-push", true]]))).toBe(2 * MINUTE);
    expect(nextDueOffsetMs(RULES, "high", tried([["r-push", true], ["r-email", true], ["r-phone", false]]))).toBeNull();
  });
});

it("orders rules by delay", () => {
  expect(ids(rulesForUrgency(RULES, "high"))).toEqual(["r-push", "r-email", "r-phone"]);
});

describe("testRetryAfterSeconds", () => {
  const now = new Date("2026-12-01T00:00:30Z");
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);

  it("lets a test go while fewer than five were sent in the last ten minutes", () => {
    expect(testRetryAfterSeconds([], now)).toBeNull();
    expect(testRetryAfterSeconds([9, 8, 3, 1].map(minutesAgo), now)).toBeNull();
  });

  it("with five in the window, waits until the oldest of them leaves it", () => {
    expect(testRetryAfterSeconds([9, 8, 3, 2, 1].map(minutesAgo), now)).toBe(60);
    expect(testRetryAfterSeconds([0, 0, 0, 0, 0].map(minutesAgo), now)).toBe(600);
  });

  it("with more than five (parallel requests before the limit), waits for the one that brings it back under", () => {
    expect(testRetryAfterSeconds([9.5, 9, 3, 2, 1, 0.5].map(minutesAgo), now)).toBe(60);
  });
});
