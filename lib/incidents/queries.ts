import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { readTimelineEntry } from "@/lib/timeline/entry-details";
import { recentEntriesOfIncidentsIn } from "@/lib/timeline/queries";
import { ROOM_ENTRY_SELECT } from "./entry-select";
import { OPEN_STATUSES, SEVERITY_RANK } from "./rules";
import type { TIncidentListFilter } from "./schema";
import { INCIDENT_SUMMARY_FIELDS } from "./summary-fields";

/** The latest timeline entries of open incidents, newest first: the "what's happening now" feed. */
export const recentEntriesOfOpenIncidents = (limit = 12) => recentEntriesOfIncidentsIn(OPEN_STATUSES, limit);

/** Open incidents first (most severe, then newest), then the rest newest first. */
export async function listIncidents(filter: TIncidentListFilter) {
  const where: Prisma.IncidentWhereInput = {};
  if (filter.status === "open") where.status = { in: [...OPEN_STATUSES] };
  else if (filter.status !== "all") where.status = filter.status;
  if (filter.severity) where.severity = filter.severity;
  if (filter.service) where.services = { some: { service: { OR: [{ id: filter.service }, { slug: filter.service }] } } };

  const incidents = await db().incident.findMany({
    where,
    orderBy: { startedAt: "desc" },
    take: filter.limit,
    select: {
      ...INCIDENT_SUMMARY_FIELDS,
      startedAt: true,
      resolvedAt: true,
      services: { select: { service: { select: { id: true, slug: true, name: true } } } },
      roles: { where: { role: "commander", releasedAt: null }, select: { user: { select: { id: true, name: true } } } },
    },
  });
  const openFirst = (status: string) => (OPEN_STATUSES.includes(status as never) ? 0 : 1);
  return incidents
    .map(({ services, roles, ...incident }) => ({
      ...incident,
      services: services.map(({ service }) => service),
      commander: roles[0]?.user ?? null,
    }))
    .sort(
      (a, b) =>
        openFirst(a.status) - openFirst(b.status) ||
        (openFirst(a.status) === 0 ? SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] : 0) ||
        b.startedAt.getTime() - a.startedAt.getTime(),
    );
}
export type TIncidentListItem = Awaited<ReturnType<typeof listIncidents>>[number];

/** Accepts `INC-12`, `12` or an incident id. */
export function parseIncidentReference(reference: string): Prisma.IncidentWhereUniqueInput {
  const numbered = reference.match(/^(?:INC-)?(\d{1,9})$/i);
  return numbered ? { number: Number(numbered[1]) } : { id: reference };
}

/** The id of the incident a reference names; a 404 DomainError when there is none. */
export async function requireIncidentId(reference: string): Promise<string> {
  const incident = await db().incident.findUnique({ where: parseIncidentReference(reference), select: { id: true } });
  if (!incident) throw notFound("incident");
  return incident.id;
}

/**
 * The incident with its roles and timeline. The room passes `timeline: false`: its feed reads the
 * timeline a page at a time (lib/incidents/feed.ts), and only the alert truncations are read here.
 */
export async function getIncidentRoom(reference: string, { timeline: withTimeline = true } = {}) {
  const incident = await db().incident.findUnique({
    where: parseIncidentReference(reference),
    include: {
      declaredBy: { select: { id: true, name: true } },
      acknowledgedBy: { select: { id: true, name: true } },
      services: { select: { service: { select: { id: true, slug: true, name: true, ownerTeam: true } } } },
      roles: {
        orderBy: { assignedAt: "asc" },
        select: {
          id: true,
          role: true,
          assignedAt: true,
          acknowledgedAt: true,
          releasedAt: true,
          user: { select: { id: true, name: true, email: true } },
          assignedBy: { select: { id: true, name: true } },
        },
      },
      timeline: {
        where: withTimeline ? undefined : { kind: "alerts_truncated" },
        orderBy: { id: "asc" },
        select: ROOM_ENTRY_SELECT,
      },
    },
  });
  if (!incident) return null;
  const timeline = incident.timeline.map(readTimelineEntry);
  const truncations = timeline.flatMap((entry) => (entry.kind === "alerts_truncated" && entry.detail ? [entry] : []));
  return {
    ...incident,
    timeline,
    services: incident.services.map(({ service }) => service),
    activeRoles: incident.roles.filter((assignment) => assignment.releasedAt === null),
    /** per group a sender truncated, the latest count: the alerts panel warns that alerts are missing */
    alertTruncations: [...new Map(truncations.map((entry) => [JSON.stringify([entry.detail.integrationId, entry.detail.groupKey]), entry])).values()],
  };
}
export type TIncidentRoom = NonNullable<Awaited<ReturnType<typeof getIncidentRoom>>>;
export type TTimelineEntryView = TIncidentRoom["timeline"][number];

/** People who can hold an incident role. */
export function listPossibleResponders() {
  return db().user.findMany({
    where: { disabledAt: null, role: { in: ["admin", "responder"] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
}
