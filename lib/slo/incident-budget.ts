import { impactEnd } from "./incident-minutes";
import { errorBudget, type TSliCounts } from "./rules";
import { sumSliIntervals } from "./sli-sums";
import type { TSloForStatus } from "./status";
import { sloWindowContaining } from "./windows";

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
 * impact, against the budget of the SLO window that contained the incident (sloWindowContaining, as
 * known at `asOf`), so a November incident is charged to November's budget whenever it is looked at.
 * Only the part of the impact inside that window counts; an impact still going on runs to its end.
 */
export async function incidentBudgetCosts(pairs: { slo: TSloForStatus; incident: TImpactingIncident }[], asOf: Date): Promise<TIncidentBudgetCost[]> {
  const windows = pairs.map(({ slo, incident }) => sloWindowContaining(slo.window, slo.timeZone, incident.startedAt, asOf));
  const impactIntervals = pairs.map(({ slo, incident }, index) => {
    const window = windows[index] as { start: Date; end: Date };
    const from = new Date(Math.max(window.start.getTime(), incident.startedAt.getTime()));
    const to = new Date(Math.min(window.end.getTime(), (impactEnd(incident) ?? window.end).getTime()));
    return { sloId: slo.id, from, to: to < from ? from : to };
  });
  const sums = await sumSliIntervals([
    ...pairs.map(({ slo }, index) => ({ sloId: slo.id, from: (windows[index] as { start: Date }).start, to: (windows[index] as { end: Date }).end })),
    ...impactIntervals,
  ]);
  return pairs.map(({ slo, incident }, index) => {
    const during = sums[pairs.length + index] as TSliCounts;
    const allowed = errorBudget(slo.objective, sums[index] as TSliCounts).allowedBad;
    const badEvents = during.total - during.good;
    return { sloId: slo.id, incidentId: incident.id, badEvents, consumedFraction: allowed > 0 ? badEvents / allowed : 0 };
  });
}
