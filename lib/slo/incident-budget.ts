import { impactEnd } from "./incident-minutes";
import { errorBudget, type TSliCounts } from "./rules";
import { sumSliIntervals } from "./sli-sums";
import type { TSloForStatus } from "./status";
import { sloWindowRange } from "./windows";

export type TImpactingIncident = { id: string; startedAt: Date; mitigatedAt: Date | null; resolvedAt: Date | null };

export type TIncidentBudgetCost = {
  sloId: string;
  incidentId: string;
  /** bad events during the incident's impact (within the window) */
  badEvents: number;
  /** share of the SLO's budget for the window: 0.2 is a fifth of it */
  consumedFraction: number;
};

/**
 * What each incident cost each SLO: the bad events between the incident's start and the end of its
 * impact, against the budget of the SLO window ending at `windowEnd`. Only the part of the impact
 * inside that window counts; an impact still going on runs to `windowEnd`.
 */
export async function incidentBudgetCosts(pairs: { slo: TSloForStatus; incident: TImpactingIncident }[], windowEnd: Date): Promise<TIncidentBudgetCost[]> {
  const slos = [...new Map(pairs.map((pair) => [pair.slo.id, pair.slo])).values()];
  const windows = new Map(slos.map((slo) => [slo.id, sloWindowRange(slo.window, slo.timeZone, windowEnd)]));
  const impactIntervals = pairs.map(({ slo, incident }) => {
    const window = windows.get(slo.id) as { start: Date; end: Date };
    const from = new Date(Math.max(window.start.getTime(), incident.startedAt.getTime()));
    const to = new Date(Math.min(window.end.getTime(), (impactEnd(incident) ?? window.end).getTime()));
    return { sloId: slo.id, from, to: to < from ? from : to };
  });
  const sums = await sumSliIntervals([
    ...slos.map((slo) => ({ sloId: slo.id, from: (windows.get(slo.id) as { start: Date }).start, to: windowEnd })),
    ...impactIntervals,
  ]);
  const windowCounts = new Map(slos.map((slo, index) => [slo.id, sums[index] as TSliCounts]));
  return pairs.map(({ slo, incident }, index) => {
    const during = sums[slos.length + index] as TSliCounts;
    const allowed = errorBudget(slo.objective, windowCounts.get(slo.id) as TSliCounts).allowedBad;
    const badEvents = during.total - during.good;
    return { sloId: slo.id, incidentId: incident.id, badEvents, consumedFraction: allowed > 0 ? badEvents / allowed : 0 };
  });
}
