// One verdict per SLO, with its reason: the error budget policy's verdict on the budget left, told
// together with where today's burn takes it. Shown alone, "Feature work OK" next to "Paging: burning
// fast" read as two answers; the reason says why the verdict holds or what threatens it.

import type { TTranslate } from "@/lib/i18n/translate";
import { formatUtcDay } from "@/lib/clock/format-time";
import type { SloWindow } from "@/lib/generated/prisma/enums";
import { formatPercent } from "./format";
import type { TErrorBudget, TPolicyVerdict } from "./rules";

export type TSloReason =
  /** more bad events than the budget allows */
  | "overspent"
  /** under 25% left, and today's burn spends the rest before the window ends */
  | "low_and_going"
  | "low"
  /** budget enough, but today's burn spends it before the window ends */
  | "going"
  /** budget enough and not on course to run out, but a burn-rate alert fires */
  | "burning_fast"
  | "burning_steadily"
  | "healthy";

export type TSloVerdict =
  | { verdict: "no_data" }
  | {
      verdict: TPolicyVerdict;
      reason: TSloReason;
      /** share of the budget left; negative once overspent */
      remainingFraction: number;
      /** when today's burn spends the rest, if that is before the window turns over */
      exhaustsAt: Date | null;
    };

export type TSloVerdictInput = {
  budget: TErrorBudget;
  verdict: TPolicyVerdict | null;
  alert: "page" | "ticket" | "ok";
  /** the projection at the last day's burn rate */
  exhaustsAt: Date | null;
  window: { kind: SloWindow; start: Date; end: Date; lengthMs: number };
};

/**
 * Whether the projection lands before the budget is renewed: a calendar month's budget is new at
 * the month's end; a rolling window's renews continuously, so running out within one window length
 * (burning faster than what is left can carry) is what matters.
 */
function landsInWindow(at: Date, window: TSloVerdictInput["window"]): boolean {
  const renewedAt = window.kind === "calendar_month" ? window.start.getTime() + window.lengthMs : window.end.getTime() + window.lengthMs;
  return at.getTime() < renewedAt;
}

export function sloVerdict({ budget, verdict, alert, exhaustsAt, window }: TSloVerdictInput): TSloVerdict {
  if (budget.noData || verdict === null) return { verdict: "no_data" };
  const going = exhaustsAt !== null && budget.remainingFraction > 0 && landsInWindow(exhaustsAt, window) ? exhaustsAt : null;
  const base = { verdict, remainingFraction: budget.remainingFraction, exhaustsAt: verdict === "freeze_risky_releases" ? null : going };
  if (verdict === "freeze_risky_releases") return { ...base, reason: "overspent" };
  if (verdict === "prioritise_reliability") return { ...base, reason: going ? "low_and_going" : "low" };
  if (going) return { ...base, reason: "going" };
  if (alert === "page") return { ...base, reason: "burning_fast" };
  if (alert === "ticket") return { ...base, reason: "burning_steadily" };
  return { ...base, reason: "healthy" };
}

const SEVERITY: Record<TSloReason, number> = { healthy: 0, burning_steadily: 1, burning_fast: 2, going: 3, low: 4, low_and_going: 5, overspent: 6 };

/** How urgent a verdict is, for a service that follows its most urgent SLO; no data ranks lowest. */
export const verdictUrgency = (verdict: TSloVerdict) => (verdict.verdict === "no_data" ? -1 : SEVERITY[verdict.reason]);

/** The verdict's colour: a "Feature work OK" with a threat on it is a caution, not an all-clear. */
export function verdictTone(verdict: TSloVerdict): TPolicyVerdict | "caution" | "no_data" {
  if (verdict.verdict === "no_data") return "no_data";
  return verdict.verdict === "feature_work_ok" && verdict.reason !== "healthy" ? "caution" : verdict.verdict;
}

/** The verdict's label ("Feature work OK") and its reason with `{date}` left for the caller to fill with the projection's day. */
export function verdictWords(verdict: TSloVerdict, t: TTranslate): { label: string; reason: string | null } {
  if (verdict.verdict === "no_data") return { label: t("slo.verdict.no_data"), reason: null };
  return {
    label: t(`slo.verdict.${verdict.verdict}`),
    reason: t(`slo.reason.${verdict.reason}`, { left: formatPercent(verdict.remainingFraction), date: "{date}" }),
  };
}

/** The verdict as one line of text for exports, the projection's day in UTC: "Feature work OK — but at today's burn the budget is gone on 2026-12-05 (UTC)". */
export function verdictText(verdict: TSloVerdict, t: TTranslate): string {
  const { label, reason } = verdictWords(verdict, t);
  if (!reason) return label;
  const day = verdict.verdict !== "no_data" && verdict.exhaustsAt ? formatUtcDay(verdict.exhaustsAt) : "";
  return `${label} — ${reason.replace("{date}", day)}`;
}
