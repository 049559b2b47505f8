import { db } from "@/lib/db/prisma";
import { incidentReference } from "@/lib/incidents/rules";
import { impactEnd } from "./incident-minutes";
import { incidentBudgetCosts } from "./incident-budget";
import { incidentsImpacting, touchesSlo } from "./impacting-incidents";
import { SLO_SELECT } from "./queries";
import { budgetMinutes, errorBudget, meanDuration, needsP0ActionItem, policyVerdict, recoveryNeedsAutomation, worstVerdict, type TSliCounts } from "./rules";
import { sumSliIntervals } from "./sli-sums";
import { slowBurnsDuring } from "./slow-burns";
import { sloStatuses, windowCountsAt } from "./status";
import { verdictUrgency, type TSloVerdict } from "./verdict";
import { sloWindowRange } from "./windows";

const MINUTE = 60_000;

/** A service follows its most urgent SLO; the first one in name order on a tie. */
function mostUrgent(slos: { slo: { name: string }; assessment: TSloVerdict }[]): { slo: string; assessment: TSloVerdict } | null {
  const worst = slos.reduce<(typeof slos)[number] | null>(
    (found, row) => (!found || verdictUrgency(row.assessment) > verdictUrgency(found.assessment) ? row : found),
    null,
  );
  return worst ? { slo: worst.slo.name, assessment: worst.assessment } : null;
}

/**
 * The sprint-planning review for [from, to): per service, each SLO's budget at the start and end of
 * the sprint and what the sprint consumed, the incidents with their durations and budget cost,
 * MTTA/MTTR, the policy verdict, and the incidents whose recovery took longer than the budget left
 * (recovery should be automated) or that consumed more than 20% (P0 action item), and the slow burns
 * (ticket-level burn-rate alerts) that fired during it, with the SLOs still burning when it ended.
 */
export async function sprintReview(from: Date, to: Date) {
  const [services, slos, incidents, slowBurns] = await Promise.all([
    db().service.findMany({ select: { id: true, name: true, slug: true, ownerTeam: true }, orderBy: { name: "asc" } }),
    db().slo.findMany({ select: SLO_SELECT, orderBy: { name: "asc" } }),
    incidentsImpacting({ from, to }),
    slowBurnsDuring({ from, to }),
  ]);
  const pairs = slos.flatMap((slo) => incidents.filter((incident) => touchesSlo(incident, slo)).map((incident) => ({ slo, incident })));

  const [windowCounts, sprintSums, costs, statusesAtEnd] = await Promise.all([
    windowCountsAt(slos, [from, to]),
    sumSliIntervals(slos.map((slo) => ({ sloId: slo.id, from, to }))),
    incidentBudgetCosts(pairs, to),
    // The verdict's reason as the service page gives it at that instant: burn rates and the projection as of the sprint's end.
    sloStatuses(slos, to),
  ]);

  const sloRows = slos.map((slo, index) => {
    const [countsAtStart, countsAtEnd] = windowCounts.get(slo.id) as [TSliCounts, TSliCounts];
    const end = errorBudget(slo.objective, countsAtEnd);
    const sprint = sprintSums[index] as TSliCounts;
    const lengthMs = sloWindowRange(slo.window, slo.timeZone, to).lengthMs;
    const ownBurns = slowBurns.filter((burn) => burn.sloId === slo.id);
    return {
      slo,
      slowBurns: ownBurns.length,
      /** a slow burn was still firing when the sprint ended: reliability work to plan */
      slowBurnFiringAtEnd: ownBurns.some((burn) => burn.firingAtEnd),
      atStart: errorBudget(slo.objective, countsAtStart),
      atEnd: end,
      /** the sprint's bad events against the budget of the window ending with the sprint */
      consumedDuringSprint: end.allowedBad > 0 ? (sprint.total - sprint.good) / end.allowedBad : 0,
      remainingBudgetMs: Math.max(0, end.remainingFraction) * budgetMinutes(slo.objective, lengthMs) * MINUTE,
      verdict: end.noData ? null : policyVerdict(slo.objective, countsAtEnd),
      assessment: (statusesAtEnd[index] as (typeof statusesAtEnd)[number]).assessment,
    };
  });

  const incidentRows = incidents.map((incident) => {
    const recoveredAt = impactEnd(incident);
    const recoveryMs = (recoveredAt ?? to).getTime() - incident.startedAt.getTime();
    const incidentCosts = pairs
      .map((pair, index) => ({ pair, cost: costs[index] as (typeof costs)[number] }))
      .filter(({ pair }) => pair.incident.id === incident.id)
      .map(({ pair, cost }) => {
        const row = sloRows.find((candidate) => candidate.slo.id === pair.slo.id) as (typeof sloRows)[number];
        return {
          sloId: pair.slo.id,
          slo: pair.slo.name,
          serviceId: pair.slo.serviceId,
          consumedFraction: cost.consumedFraction,
          // Only a finished recovery can be compared; an ongoing one shows in its duration.
          automateRecovery: recoveredAt !== null && !row.atEnd.noData && recoveryNeedsAutomation(recoveryMs, row.remainingBudgetMs),
          needsP0ActionItem: needsP0ActionItem(cost.consumedFraction),
        };
      });
    return {
      id: incident.id,
      reference: incidentReference(incident.number),
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      startedAt: incident.startedAt,
      serviceIds: [...new Set([...incident.services.map((service) => service.serviceId), ...incidentCosts.map((cost) => cost.serviceId)])],
      /** start to resolution, or to the end of the sprint while unresolved */
      durationMs: (incident.resolvedAt ?? to).getTime() - incident.startedAt.getTime(),
      acknowledgeMs: incident.acknowledgedAt ? incident.acknowledgedAt.getTime() - incident.detectedAt.getTime() : null,
      /** start to mitigation (service restored), or resolution when never marked mitigated; null while ongoing */
      recoveryMs: recoveredAt ? recoveryMs : null,
      costs: incidentCosts,
    };
  });

  const serviceRows = services.map((service) => {
    const ownSlos = sloRows.filter((row) => row.slo.serviceId === service.id);
    const ownIncidents = incidentRows.filter((incident) => incident.serviceIds.includes(service.id));
    return {
      service,
      verdict: worstVerdict(ownSlos.map((row) => row.verdict)),
      /** the most urgent of its SLOs' verdicts, with that SLO's name; null without SLOs */
      assessment: mostUrgent(ownSlos),
      slos: ownSlos,
      incidents: ownIncidents.map((incident) => ({ ...incident, costs: incident.costs.filter((cost) => cost.serviceId === service.id) })),
      mttaMs: meanDuration(ownIncidents.map((incident) => incident.acknowledgeMs)),
      mttrMs: meanDuration(ownIncidents.map((incident) => incident.recoveryMs)),
      slowBurns: slowBurns.filter((burn) => burn.serviceId === service.id).length,
    };
  });

  return {
    from,
    to,
    services: serviceRows,
    /** oldest first; grouped per service by the page and the exports */
    slowBurns,
    totals: {
      incidents: incidentRows.length,
      mttaMs: meanDuration(incidentRows.map((incident) => incident.acknowledgeMs)),
      mttrMs: meanDuration(incidentRows.map((incident) => incident.recoveryMs)),
      slowBurns: slowBurns.length,
    },
  };
}
export type TSprintReview = Awaited<ReturnType<typeof sprintReview>>;
