// The sprint review's budget chart: the SLOs the team must talk about, on a scale everyone's bar fits.
import { formatPercent } from "./format";
import type { TSprintReview } from "./sprint-review";
import { verdictTone } from "./verdict";

/** The chart's scale: −100% (the budget spent twice over) to 100%; beyond it a bar stops at the edge, labelled. */
export const CHART_FLOOR = -1;
export const CHART_CEILING = 1;

const clamp = (fraction: number) => Math.min(CHART_CEILING, Math.max(CHART_FLOOR, fraction));

export type TBudgetBar = {
  slo: string;
  /** the budget left as drawn, within the scale; null without data */
  atStart: number | null;
  atEnd: number | null;
  /** the real figures, for the tooltip and the overflow labels */
  atStartText: string;
  atEndText: string;
  /** set when the bar is cut at the scale's edge */
  atStartOverflow: string | null;
  atEndOverflow: string | null;
};

/**
 * The SLOs at risk at the sprint's end (reliability first, releases frozen, or feature work going ahead
 * under a threat), least budget left first. Healthy SLOs and those without data stay in the table: one
 * overspent SLO no longer squashes every other bar, and the chart holds what needs a decision.
 */
export function budgetChartBars(review: TSprintReview): TBudgetBar[] {
  const rows = review.services.flatMap((row) =>
    row.slos
      .filter((slo) => !slo.atEnd.noData && verdictTone(slo.assessment) !== "feature_work_ok")
      .map((slo) => ({ name: `${row.service.name} · ${slo.slo.name}`, atStart: slo.atStart, atEnd: slo.atEnd })),
  );
  return rows
    .sort((a, b) => a.atEnd.remainingFraction - b.atEnd.remainingFraction || a.name.localeCompare(b.name))
    .map(({ name, atStart, atEnd }) => {
      const start = atStart.noData ? null : atStart.remainingFraction;
      const end = atEnd.remainingFraction;
      const overflow = (fraction: number | null) => (fraction !== null && clamp(fraction) !== fraction ? formatPercent(fraction) : null);
      return {
        slo: name,
        atStart: start === null ? null : clamp(start),
        atEnd: clamp(end),
        atStartText: start === null ? "—" : formatPercent(start),
        atEndText: formatPercent(end),
        atStartOverflow: overflow(start),
        atEndOverflow: overflow(end),
      };
    });
}
