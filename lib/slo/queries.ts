import { db } from "@/lib/db/prisma";
import { incidentReference } from "@/lib/incidents/rules";
import { impactEnd } from "./incident-minutes";
import { incidentBudgetCosts } from "./incident-budget";
import { incidentsImpacting, touchesSlo } from "./impacting-incidents";
import { hourlySliCounts } from "./sli-sums";
import { sloStatuses, type TSloStatus } from "./status";
import { windowEndAt } from "./windows";

const HOUR = 3_600_000;

export const SLO_SELECT = {
  id: true,
  serviceId: true,
  name: true,
  kind: true,
  objective: true,
  window: true,
  timeZone: true,
  latencyThresholdMs: true,
  description: true,
  burnRateFactors: true,
  source: true,
  prometheusUrl: true,
  prometheusGoodQuery: true,
  prometheusTotalQuery: true,
  collectedThrough: true,
  collectError: true,
  collectErrorAt: true,
  service: { select: { id: true, name: true, slug: true } },
} as const;

export async function sloStatus(sloId: string, now = new Date()) {
  const slo = await db().slo.findUnique({ where: { id: sloId }, select: SLO_SELECT });
  if (!slo) return null;
  const [status] = await sloStatuses([slo], now);
  return status ?? null;
}

export function listSlos(serviceId?: string) {
  return db().slo.findMany({
    where: serviceId ? { serviceId } : {},
    orderBy: [{ serviceId: "asc" }, { name: "asc" }],
    select: { id: true, name: true, serviceId: true, kind: true, objective: true, window: true, source: true, service: { select: { name: true, slug: true } } },
  });
}

/**
 * Budget remaining through the window, one point per hour, against the budget of the whole window
 * so far: the line ends at today's remaining budget. `ideal` spends the budget evenly over the window.
 */
async function burnDown(status: TSloStatus & { slo: { id: string; objective: number } }) {
  const hours = await hourlySliCounts(status.slo.id, status.window.start, status.window.end);
  const allowed = status.budget.allowedBad;
  let bad = 0;
  return hours.map((hour) => {
    bad += hour.total - hour.good;
    const elapsed = (hour.hour.getTime() + HOUR - status.window.start.getTime()) / status.window.lengthMs;
    return { at: new Date(hour.hour.getTime() + HOUR).toISOString(), remaining: allowed > 0 ? 1 - bad / allowed : 1, ideal: Math.max(0, 1 - elapsed) };
  });
}
export type TBurnDownPoint = Awaited<ReturnType<typeof burnDown>>[number];

/** A service's SLOs as its page shows them: status, burn-down, and the incidents that consumed budget. */
export async function serviceSloOverview(serviceId: string, now = new Date()) {
  const slos = await db().slo.findMany({ where: { serviceId }, select: SLO_SELECT, orderBy: { name: "asc" } });
  if (slos.length === 0) return [];
  const statuses = await sloStatuses(slos, now);
  const earliest = new Date(Math.min(...statuses.map((status) => status.window.start.getTime())));
  const incidents = await incidentsImpacting({ from: earliest, serviceIds: [serviceId], sloIds: slos.map((slo) => slo.id) });
  const pairs = statuses.flatMap((status) =>
    incidents.filter((incident) => touchesSlo(incident, status.slo)).map((incident) => ({ slo: status.slo, incident })),
  );
  const costs = await incidentBudgetCosts(pairs, windowEndAt(now));
  return Promise.all(
    statuses.map(async (status) => ({
      ...status,
      burnDown: await burnDown(status),
      incidents: pairs
        .map((pair, index) => ({ pair, cost: costs[index] as (typeof costs)[number] }))
        .filter(({ pair }) => pair.slo.id === status.slo.id)
        .map(({ pair, cost }) => ({
          reference: incidentReference(pair.incident.number),
          title: pair.incident.title,
          severity: pair.incident.severity,
          startedAt: pair.incident.startedAt,
          impactEndedAt: impactEnd(pair.incident),
          consumedFraction: cost.consumedFraction,
          badEvents: cost.badEvents,
        }))
        .filter((incident) => incident.badEvents > 0)
        .sort((a, b) => b.consumedFraction - a.consumedFraction),
    })),
  );
}
export type TServiceSlo = Awaited<ReturnType<typeof serviceSloOverview>>[number];

/** The SLOs an incident touched (its services' SLOs and any linked explicitly) and the budget it consumed of each. */
export async function incidentSloImpacts(incidentId: string, now = new Date()) {
  const incident = await db().incident.findUnique({
    where: { id: incidentId },
    select: { id: true, startedAt: true, mitigatedAt: true, resolvedAt: true, services: { select: { serviceId: true } }, sloImpacts: true },
  });
  if (!incident) return [];
  const slos = await db().slo.findMany({
    where: {
      OR: [{ serviceId: { in: incident.services.map((service) => service.serviceId) } }, { id: { in: incident.sloImpacts.map((impact) => impact.sloId) } }],
    },
    select: SLO_SELECT,
    orderBy: [{ service: { name: "asc" } }, { name: "asc" }],
  });
  const [statuses, costs] = await Promise.all([
    sloStatuses(slos, now),
    incidentBudgetCosts(
      slos.map((slo) => ({ slo, incident })),
      windowEndAt(now),
    ),
  ]);
  return statuses.map((status, index) => ({
    slo: status.slo,
    impact: incident.sloImpacts.find((impact) => impact.sloId === status.slo.id)?.impact ?? null,
    consumedFraction: (costs[index] as (typeof costs)[number]).consumedFraction,
    badEvents: (costs[index] as (typeof costs)[number]).badEvents,
    remainingFraction: status.budget.remainingFraction,
    noData: status.budget.noData,
  }));
}
export type TIncidentSloImpact = Awaited<ReturnType<typeof incidentSloImpacts>>[number];
