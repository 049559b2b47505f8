import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import { budgetChartBars } from "./review-chart";
import { sprintReviewCsv, sprintReviewMarkdown } from "./review-export";
import { errorBudget, policyVerdict } from "./rules";
import type { TSprintReview } from "./sprint-review";
import { sloVerdict } from "./verdict";

const from = new Date("2026-11-19T00:00:00Z");
const to = new Date("2026-12-03T00:00:00Z");
const DAY = 86_400_000;
const objective = 999_000;
type TSloRow = TSprintReview["services"][number]["slos"][number];

/** An SLO row of the review with `bad` of 100,000 events bad at the sprint's end (100 allowed), `startBad` at its start. */
function sloRow(name: string, bad: number | null, startBad: number | null = bad, exhaustsAt: Date | null = null): TSloRow {
  const counts = (value: number | null) => (value === null ? { good: 0, total: 0 } : { good: 100_000 - value, total: 100_000 });
  const atEnd = errorBudget(objective, counts(bad));
  const verdict = bad === null ? null : policyVerdict(objective, counts(bad));
  const window = { kind: "rolling_30d" as const, start: new Date(to.getTime() - 30 * DAY), end: to, lengthMs: 30 * DAY };
  return {
    slo: { id: `slo-${name}`, name, objective, window: "rolling_30d", serviceId: "svc-1" } as TSloRow["slo"],
    slowBurns: 0,
    slowBurnFiringAtEnd: false,
    atStart: errorBudget(objective, counts(startBad)),
    atEnd,
    consumedDuringSprint: 0.1,
    remainingBudgetMs: 0,
    verdict,
    assessment: sloVerdict({ budget: atEnd, verdict, alert: "ok", exhaustsAt, window }),
  };
}

function reviewOf(slos: TSloRow[]): TSprintReview {
  const worst = [...slos].sort((a, b) => a.atEnd.remainingFraction - b.atEnd.remainingFraction)[0] as TSloRow;
  return {
    from,
    to,
    services: [
      {
        service: { id: "svc-1", name: "Checkout API", slug: "checkout", ownerTeam: "Payments" },
        verdict: worst.verdict,
        assessment: { slo: worst.slo.name, assessment: worst.assessment },
        slos,
        incidents: [],
        mttaMs: null,
        mttrMs: null,
        slowBurns: 0,
      },
    ],
    slowBurns: [],
    totals: { incidents: 0, mttaMs: null, mttrMs: null, slowBurns: 0 },
  };
}

describe("the sprint review's budget chart", () => {
  it("charts only the SLOs at risk, least budget left first, on a −100%…100% scale with the overflow labelled", () => {
    const review = reviewOf([
      sloRow("latency", 28),
      sloRow("availability", 100_000, 50),
      sloRow("search", 87),
      sloRow("payments", 28, 10, new Date("2026-12-05T00:00:00Z")),
      sloRow("new", null),
    ]);
    const bars = budgetChartBars(review);
    expect(bars.map((bar) => bar.slo)).toEqual(["Checkout API · availability", "Checkout API · search", "Checkout API · payments"]);
    // −99,900% left: drawn at the scale's edge, its real figure kept for the label and the tooltip.
    expect(bars[0]).toMatchObject({ atEnd: -1, atEndOverflow: "-99900.0%", atEndText: "-99900.0%", atStart: 0.5, atStartOverflow: null });
    // A 72% budget under a threat is charted, and draws as 72% of the scale's positive half.
    expect(bars[2]).toMatchObject({ atEnd: 0.72, atEndOverflow: null, atStart: 0.9 });
  });
});

describe("the sprint review's exports", () => {
  it("give each SLO row its own verdict in the CSV, as the page and the Markdown do", () => {
    const review = reviewOf([sloRow("availability", 250), sloRow("latency", 28), sloRow("new", null)]);
    const lines = sprintReviewCsv(review, translator("en")).trim().split("\n");
    expect(lines[0]).toContain(",verdict,verdict_reason,");
    expect(lines.find((line) => line.startsWith("Checkout API,availability,"))).toContain(
      ",freeze_risky_releases,Freeze risky releases — the budget is overspent (-150.0% left): only P0 bugs and security fixes until the SLO is met again,",
    );
    expect(lines.find((line) => line.startsWith("Checkout API,latency,"))).toContain(",feature_work_ok,Feature work OK — 72.0% of the budget left,");
    expect(lines.find((line) => line.startsWith("Checkout API,new,"))).toContain(",no_data,No data yet,");
    const markdown = sprintReviewMarkdown(review, translator("en"));
    expect(markdown).toContain("| Feature work OK — 72.0% of the budget left |");
    expect(markdown).toContain(
      "| Checkout API | Freeze risky releases — availability: the budget is overspent (-150.0% left): only P0 bugs and security fixes until the SLO is met again |",
    );
  });

  it("says a service whose SLOs have no data yet has no data, and one without SLOs has none", () => {
    const waiting = reviewOf([sloRow("new", null)]);
    expect(sprintReviewMarkdown(waiting, translator("ja"))).toContain("| Checkout API | データはまだありません |");
    const none = { ...waiting, services: waiting.services.map((row) => ({ ...row, slos: [], verdict: null, assessment: null })) };
    expect(sprintReviewMarkdown(none, translator("en"))).toContain("| Checkout API | No SLO |");
  });
});
