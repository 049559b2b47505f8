import type { TMessageKey } from "@/lib/i18n/en";
import type { TTranslate } from "@/lib/i18n/translate";
import { formatDurationIn } from "@/lib/clock/durations";
import type { TErrorBudget } from "./rules";
import type { TSprintReview } from "./sprint-review";
import { formatObjective, formatPercent } from "./format";
import type { TSlowBurn } from "./slow-burns";
import { verdictText } from "./verdict";

const DAY = 24 * 60 * 60_000;

// The review's cells as text, shared by the page and both exports so their numbers are the same.

const budgetCell = (budget: TErrorBudget) => (budget.noData ? "—" : formatPercent(budget.remainingFraction));
const durationCell = (durationMs: number | null, t: TTranslate) => (durationMs === null ? "—" : formatDurationIn(t.locale, durationMs));
/** A service's verdict is its most urgent SLO's, named; "No SLO" only when it has none ("No data yet" when they have no data). */
function serviceVerdictCell(assessment: TSprintReview["services"][number]["assessment"], t: TTranslate) {
  if (!assessment) return t("review.noSlo");
  const text = verdictText(assessment.assessment, t);
  return assessment.assessment.verdict === "no_data" ? text : text.replace(" — ", ` — ${assessment.slo}: `);
}

export function reviewServiceRows(review: TSprintReview, t: TTranslate) {
  return review.services.map((row) => ({
    serviceSlug: row.service.slug,
    service: row.service.name,
    /** null without SLOs */
    assessment: row.assessment,
    verdict: serviceVerdictCell(row.assessment, t),
    incidents: String(row.incidents.length),
    mtta: durationCell(row.mttaMs, t),
    mttr: durationCell(row.mttrMs, t),
    slowBurns: String(row.slowBurns),
  }));
}

export function reviewSloRows(review: TSprintReview, t: TTranslate) {
  return review.services.flatMap((row) =>
    row.slos.map((slo) => ({
      sloId: slo.slo.id,
      service: row.service.name,
      slo: slo.slo.name,
      objective: `${formatObjective(slo.slo.objective)} · ${t(`slo.window.${slo.slo.window}`)}`,
      atStart: budgetCell(slo.atStart),
      atEnd: budgetCell(slo.atEnd),
      consumed: slo.atEnd.noData ? "—" : formatPercent(slo.consumedDuringSprint),
      assessment: slo.assessment,
      verdict: verdictText(slo.assessment, t),
    })),
  );
}

/** Each incident once, with the services it touched and its cost to each SLO. */
export function reviewIncidentRows(review: TSprintReview, t: TTranslate) {
  const seen = new Map<string, { incident: TSprintReview["services"][number]["incidents"][number]; services: string[]; costs: string[]; flags: string[] }>();
  for (const row of review.services) {
    for (const incident of row.incidents) {
      const entry = seen.get(incident.id) ?? { incident, services: [], costs: [], flags: [] };
      entry.services.push(row.service.name);
      for (const cost of incident.costs) {
        entry.costs.push(`${cost.slo} ${formatPercent(cost.consumedFraction)}`);
        if (cost.automateRecovery) entry.flags.push(t("review.flag.automate", { slo: cost.slo }));
        if (cost.needsP0ActionItem) entry.flags.push(t("review.flag.p0", { slo: cost.slo }));
      }
      seen.set(incident.id, entry);
    }
  }
  return [...seen.values()]
    .sort((a, b) => a.incident.startedAt.getTime() - b.incident.startedAt.getTime())
    .map(({ incident, services, costs, flags }) => ({
      reference: incident.reference,
      title: incident.title,
      severity: incident.severity,
      startedAt: incident.startedAt,
      services: services.join(", "),
      duration: formatDurationIn(t.locale, incident.durationMs),
      acknowledge: durationCell(incident.acknowledgeMs, t),
      recovery: durationCell(incident.recoveryMs, t),
      cost: costs.length > 0 ? costs.join("; ") : "—",
      flags,
    }));
}

/** "Recovery slower than the budget left": the incidents whose recovery should be automated. */
export function automationFlags(review: TSprintReview, t: TTranslate) {
  return review.services.flatMap((row) =>
    row.incidents.flatMap((incident) =>
      incident.costs
        .filter((cost) => cost.automateRecovery)
        .map((cost) => {
          const slo = row.slos.find((candidate) => candidate.slo.id === cost.sloId);
          return {
            reference: incident.reference,
            title: incident.title,
            service: row.service.name,
            slo: cost.slo,
            recovery: formatDurationIn(t.locale, incident.recoveryMs ?? 0),
            budgetLeft: formatDurationIn(t.locale, slo?.remainingBudgetMs ?? 0),
          };
        }),
    ),
  );
}

/** The ticket rules' names in the reader's language, by long window; any other rule keeps the name it was sent with. */
const TICKET_RULES: Record<number, TMessageKey> = { [DAY]: "review.burn.rule.1d", [3 * DAY]: "review.burn.rule.3d" };

function ruleCell(rule: TSlowBurn["rule"], t: TTranslate) {
  const key = rule.longWindowMs === null ? undefined : TICKET_RULES[rule.longWindowMs];
  const name = key ? t(key) : rule.name;
  return rule.factor ? t("review.burn.rule", { rule: name, factor: rule.factor }) : name;
}

function slowBurnCells(burn: TSlowBurn, t: TTranslate) {
  return {
    id: burn.id,
    slo: burn.slo,
    rule: ruleCell(burn.rule, t),
    startedAt: burn.startedAt,
    endedAt: burn.endedAt,
    /** shown instead of the end while the alert fires */
    stillFiring: t("review.burn.stillFiring"),
    duration: formatDurationIn(t.locale, burn.durationMs),
    firingAtEnd: burn.firingAtEnd,
    incident: burn.incident,
    incidentCell: burn.incident ? `${burn.incident.reference} ${burn.incident.title}` : t("review.burn.noIncident"),
    acknowledged:
      burn.acknowledgeMs === null
        ? t("review.burn.notAcknowledged")
        : t(burn.acknowledgedBy ? "review.burn.acknowledgedBy" : "review.burn.acknowledged", {
            duration: formatDurationIn(t.locale, burn.acknowledgeMs),
            name: burn.acknowledgedBy ?? "",
          }),
    acknowledgeMs: burn.acknowledgeMs,
    acknowledgedAt: burn.acknowledgedAt,
    acknowledgedBy: burn.acknowledgedBy,
    durationMs: burn.durationMs,
  };
}
export type TSlowBurnCells = ReturnType<typeof slowBurnCells>;

/** The slow burns per service (in the services' order, oldest first within each), then those of no known service. */
export function reviewSlowBurnGroups(review: TSprintReview, t: TTranslate) {
  const known = new Set(review.services.map((row) => row.service.id));
  const groups = review.services.map((row) => ({
    serviceSlug: row.service.slug as string | null,
    service: row.service.name,
    burns: review.slowBurns.filter((burn) => burn.serviceId === row.service.id),
  }));
  groups.push({
    serviceSlug: null,
    service: t("review.burn.noService"),
    burns: review.slowBurns.filter((burn) => !burn.serviceId || !known.has(burn.serviceId)),
  });
  return groups
    .filter((group) => group.burns.length > 0)
    .map((group) => ({ ...group, count: String(group.burns.length), burns: group.burns.map((burn) => slowBurnCells(burn, t)) }));
}

/** The SLOs with a slow burn still firing when the sprint ended: the reliability work to plan first. */
export function slowBurnFiringAtEndFlags(review: TSprintReview) {
  return review.services.flatMap((row) =>
    row.slos.filter((slo) => slo.slowBurnFiringAtEnd).map((slo) => ({ sloId: slo.slo.id, service: row.service.name, slo: slo.slo.name })),
  );
}
