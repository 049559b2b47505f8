import { db } from "@/lib/db/prisma";
import { translator, type TLocale } from "@/lib/i18n/translate";
import { incidentReference } from "@/lib/incidents/rules";
import { incidentSloImpacts } from "@/lib/slo/queries";
import { describeTimelineEntry } from "@/lib/timeline/describe";
import { readTimelineEntry } from "@/lib/timeline/entry-details";
import { SYSTEM_USER_ID } from "@/lib/users/system-user";
import type { TPostmortemSource } from "./generate";

/** The responders: everyone who held a role or wrote on the timeline, in order of first appearance. */
export async function responderIds(incidentId: string): Promise<string[]> {
  const [roles, entries] = await Promise.all([
    db().incidentRoleAssignment.findMany({ where: { incidentId }, select: { userId: true }, orderBy: { assignedAt: "asc" } }),
    db().timelineEntry.findMany({ where: { incidentId, kind: { in: ["note", "stakeholder_update"] } }, select: { actorId: true }, orderBy: { id: "asc" } }),
  ]);
  return [...new Set([...roles.map((role) => role.userId), ...entries.map((entry) => entry.actorId)])].filter((id) => id !== SYSTEM_USER_ID);
}

/** Everything a draft is generated from: the incident, its timeline, alerts and SLO impact. */
export async function postmortemSource(incidentId: string, language: TLocale, now: Date, authorIds?: string[]): Promise<TPostmortemSource> {
  const incident = await db().incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: {
      services: { include: { service: { select: { name: true } } } },
      timeline: { orderBy: [{ occurredAt: "asc" }, { id: "asc" }], include: { actor: { select: { name: true } } } },
      alerts: { orderBy: { startsAt: "asc" }, include: { integration: { select: { name: true } } } },
    },
  });
  const authors = authorIds ?? (await responderIds(incidentId));
  const [people, impacts] = await Promise.all([
    db().user.findMany({ where: { id: { in: authors } }, select: { id: true, name: true } }),
    incidentSloImpacts(incidentId, now),
  ]);
  const t = translator(language);
  return {
    language,
    incident: {
      reference: incidentReference(incident.number),
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      summary: incident.summary,
      services: incident.services.map((link) => link.service.name),
      startedAt: incident.startedAt,
      detectedAt: incident.detectedAt,
      acknowledgedAt: incident.acknowledgedAt,
      mitigatedAt: incident.mitigatedAt,
      resolvedAt: incident.resolvedAt,
    },
    authors: authors.map((id) => people.find((person) => person.id === id)?.name ?? "").filter(Boolean),
    timeline: incident.timeline.map(readTimelineEntry).map((entry) => ({
      id: entry.id.toString(),
      occurredAt: entry.occurredAt,
      actor: entry.actor.name,
      kind: entry.kind,
      description: describeTimelineEntry(entry, t, language),
      body: entry.body,
      keyEvent: entry.keyEvent,
    })),
    alerts: incident.alerts.map((alert) => ({
      title: alert.title,
      source: alert.source,
      integration: alert.integration.name,
      labels: alert.labels as Record<string, string>,
      links: alert.links as { href: string; text: string }[],
      startsAt: alert.startsAt,
      payloadUrl: `/api/deliveries/${alert.firstDeliveryId}/payload`,
    })),
    sloImpacts: impacts
      .filter((impact) => !impact.noData && impact.badEvents > 0)
      .map((impact) => ({ service: impact.slo.service.name, slo: impact.slo.name, consumedFraction: impact.consumedFraction, badEvents: impact.badEvents })),
    generatedAt: now,
  };
}
