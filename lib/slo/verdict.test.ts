import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import { errorBudget, policyVerdict } from "./rules";
import { sloVerdict, verdictText, verdictTone, type TSloVerdictInput } from "./verdict";

const now = new Date("2026-12-03T11:00:00Z");
const DAY = 86_400_000;
const rolling30 = { kind: "rolling_30d" as const, start: new Date(now.getTime() - 30 * DAY), end: now, lengthMs: 30 * DAY };
const objective = 999_000;

/** An SLO with `bad` of 100,000 events bad (100 allowed at 99.9%). */
function input(bad: number, overrides: Partial<TSloVerdictInput> = {}): TSloVerdictInput {
  const counts = { good: 100_000 - bad, total: 100_000 };
  return { budget: errorBudget(objective, counts), verdict: policyVerdict(objective, counts), alert: "ok", exhaustsAt: null, window: rolling30, ...overrides };
}

describe("one verdict per SLO, with its reason", () => {
  it("keeps feature work going but says when today's burn spends the rest within the window", () => {
    const verdict = sloVerdict(input(28, { alert: "page", exhaustsAt: new Date("2026-12-05T08:00:00Z") }));
    expect(verdict).toMatchObject({ verdict: "feature_work_ok", reason: "going" });
    expect(verdictTone(verdict)).toBe("caution");
    expect(verdictText(verdict, translator("en"))).toBe("Feature work OK — but at today's burn the budget is gone on 2026-12-05 (UTC)");
    expect(verdictText(verdict, translator("ja"))).toBe("機能開発を進めてよい — ただし今日の消費ペースでは2026-12-05 (UTC)にバジェットが尽きます");
  });

  it("ignores a projection beyond the window and names a firing alert instead", () => {
    const farOff = new Date(now.getTime() + 40 * DAY);
    expect(sloVerdict(input(28, { exhaustsAt: farOff }))).toMatchObject({ reason: "healthy", exhaustsAt: null });
    expect(sloVerdict(input(28, { alert: "ticket", exhaustsAt: farOff }))).toMatchObject({ reason: "burning_steadily" });
    expect(verdictText(sloVerdict(input(28)), translator("en"))).toBe("Feature work OK — 72.0% of the budget left");
  });

  it("measures a calendar month's projection against the month's end", () => {
    const december = { kind: "calendar_month" as const, start: new Date("2026-12-01T00:00:00Z"), end: now, lengthMs: 31 * DAY };
    expect(sloVerdict(input(28, { window: december, exhaustsAt: new Date("2026-12-30T00:00:00Z") }))).toMatchObject({ reason: "going" });
    expect(sloVerdict(input(28, { window: december, exhaustsAt: new Date("2027-01-02T00:00:00Z") }))).toMatchObject({ reason: "healthy" });
  });

  it("gives reliability and freeze verdicts their reasons", () => {
    expect(verdictText(sloVerdict(input(87)), translator("en"))).toBe("Prioritise reliability — only 13.0% of the budget left");
    expect(verdictText(sloVerdict(input(87, { exhaustsAt: new Date("2026-12-04T00:00:00Z") })), translator("en"))).toBe(
      "Prioritise reliability — 13.0% of the budget left, gone on 2026-12-04 (UTC) at today's burn",
    );
    const overspent = sloVerdict(input(250, { exhaustsAt: now }));
    expect(overspent).toMatchObject({ verdict: "freeze_risky_releases", reason: "overspent", exhaustsAt: null });
    expect(verdictText(overspent, translator("en"))).toBe(
      "Freeze risky releases — the budget is overspent (-150.0% left): only P0 bugs and security fixes until the SLO is met again",
    );
  });

  it("says an SLO without data has no data yet, not that there is no SLO", () => {
    const empty = sloVerdict(input(0, { budget: errorBudget(objective, { good: 0, total: 0 }), verdict: null }));
    expect(empty).toEqual({ verdict: "no_data" });
    expect(verdictText(empty, translator("en"))).toBe("No data yet");
    expect(verdictText(empty, translator("ja"))).toBe("データはまだありません");
  });
});
