import { db } from "@/lib/db/prisma";
import { incidentReference } from "@/lib/incidents/rules";
import { burnAlertKey, burnEpisodeTimes } from "./slow-burn-rules";

/**
 * The slow burns of [from, to): every ticket-level burn-rate alert (labels.notify = "ticket") that was
 * firing at any time in the range, oldest first. Each firing episode is its own alert row, so a burn
 * that stopped and came back is listed twice. Page-level burns are left out: they page people and show
 * as incidents.
 */
export async function slowBurnsDuring({ from, to }: { from: Date; to: Date }) {
  const alerts = await db().alert.findMany({
    where: {
      source: "slo",
      labels: { path: ["notify"], equals: "ticket" },
      startsAt: { lt: to },
      OR: [{ endsAt: null }, { endsAt: { gt: from } }],
    },
    select: {
      id: true,
      dedupKey: true,
      labels: true,
      serviceId: true,
      startsAt: true,
      endsAt: true,
      acknowledgedAt: true,
      acknowledgedBy: { select: { name: true } },
      incident: { select: { id: true, number: true, title: true, acknowledgedAt: true, acknowledgedBy: { select: { name: true } } } },
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
  const sloIds = [...new Set(alerts.map((alert) => burnAlertKey(alert.dedupKey)?.sloId).filter((id): id is string => id !== undefined))];
  const slos = await db().slo.findMany({ where: { id: { in: sloIds } }, select: { id: true, name: true, serviceId: true } });

  return alerts.map((alert) => {
    const labels = typeof alert.labels === "object" && alert.labels !== null && !Array.isArray(alert.labels) ? (alert.labels as Record<string, unknown>) : {};
    const label = (name: string) => (typeof labels[name] === "string" ? (labels[name] as string) : "");
    const parsed = burnAlertKey(alert.dedupKey);
    // An SLO deleted since keeps its burns in the review under the name the alert carried.
    const slo = slos.find((candidate) => candidate.id === parsed?.sloId);
    const times = burnEpisodeTimes(alert, to);
    return {
      id: alert.id,
      sloId: slo?.id ?? null,
      slo: slo?.name ?? label("slo"),
      serviceId: slo?.serviceId ?? alert.serviceId,
      /** the rule's name as sent (e.g. "10% of budget in 3 d"), its long window and factor */
      rule: { name: label("alert"), longWindowMs: parsed?.longWindowMs ?? null, factor: label("factor") },
      startedAt: alert.startsAt,
      endedAt: alert.endsAt,
      durationMs: times.durationMs,
      firingAtEnd: times.firingAtEnd,
      incident: alert.incident ? { id: alert.incident.id, reference: incidentReference(alert.incident.number), title: alert.incident.title } : null,
      acknowledgedAt: times.acknowledgedAt,
      acknowledgeMs: times.acknowledgeMs,
      acknowledgedBy: times.acknowledgedAt ? (alert.acknowledgedBy?.name ?? alert.incident?.acknowledgedBy?.name ?? null) : null,
    };
  });
}
export type TSlowBurn = Awaited<ReturnType<typeof slowBurnsDuring>>[number];
