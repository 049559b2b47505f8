import { db } from "@/lib/db/prisma";
import type { PostmortemStatus } from "@/lib/generated/prisma/enums";
import { translator, type TLocale } from "@/lib/i18n/translate";
import { incidentReference } from "@/lib/incidents/rules";
import { incidentSloImpacts } from "@/lib/slo/queries";
import { describeTimelineEntry } from "@/lib/timeline/describe";
import { readTimelineEntry } from "@/lib/timeline/entry-details";
import { SYSTEM_USER_ID } from "@/lib/users/system-user";
import type { TPostmortemSource } from "./generate";
import { peopleWhoActed } from "./rules";

/** The people who acted in the incident, in order of first appearance: the authors a new postmortem proposes. */
export async function responderIds(incidentId: string): Promise<string[]> {
  const entries = await db().timelineEntry.findMany({
    where: { incidentId, actorId: { not: SYSTEM_USER_ID } },
    select: { actorId: true, kind: true },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
  });
  return peopleWhoActed(entries);
}

/** Everything a draft is generated from: the incident, its timeline, alerts and SLO impact. */
export async function postmortemSource(
  incidentId: string,
  language: TLocale,
  now: Date,
  authorIds?: string[],
  postmortemStatus: PostmortemStatus = "draft",
): Promise<TPostmortemSource> {
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
    postmortemStatus,
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
