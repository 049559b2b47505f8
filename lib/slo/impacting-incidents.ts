import { db } from "@/lib/db/prisma";
import { INCIDENT_SUMMARY_FIELDS } from "@/lib/incidents/summary-fields";

/**
 * Incidents whose impact (start to mitigation, or resolution, or still going on) overlaps
 * [from, to); optionally only those touching the given services or SLOs.
 */
export function incidentsImpacting({ from, to, serviceIds, sloIds }: { from: Date; to?: Date; serviceIds?: string[]; sloIds?: string[] }) {
  return db().incident.findMany({
    where: {
      ...(to ? { startedAt: { lt: to } } : {}),
      AND: [
        { OR: [{ mitigatedAt: null, resolvedAt: null }, { mitigatedAt: { gt: from } }, { mitigatedAt: null, resolvedAt: { gt: from } }] },
        ...(serviceIds || sloIds
          ? [{ OR: [{ services: { some: { serviceId: { in: serviceIds ?? [] } } } }, { sloImpacts: { some: { sloId: { in: sloIds ?? [] } } } }] }]
          : []),
      ],
    },
    select: {
      ...INCIDENT_SUMMARY_FIELDS,
      startedAt: true,
      detectedAt: true,
      acknowledgedAt: true,
      mitigatedAt: true,
      resolvedAt: true,
      services: { select: { serviceId: true } },
      sloImpacts: { select: { sloId: true } },
    },
    orderBy: { startedAt: "asc" },
  });
}
type TIncidentImpactingSlos = Awaited<ReturnType<typeof incidentsImpacting>>[number];

/** An incident touches an SLO when it affected the SLO's service or was linked to the SLO. */
export const touchesSlo = (incident: Pick<TIncidentImpactingSlos, "services" | "sloImpacts">, slo: { id: string; serviceId: string }) =>
  incident.services.some((service) => service.serviceId === slo.serviceId) || incident.sloImpacts.some((impact) => impact.sloId === slo.id);
