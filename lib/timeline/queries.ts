import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { readTimelineEntry } from "./entry-details";
import { TIMELINE_ENTRY_FIELDS } from "./entry-fields";

const STREAM_SELECT = { ...TIMELINE_ENTRY_FIELDS, incidentId: true } satisfies Prisma.TimelineEntrySelect;

export type TStreamEntry = Prisma.TimelineEntryGetPayload<{ select: typeof STREAM_SELECT }>;

// A reconnecting client gets at most this many missed entries at once; it asks again for the rest.
const REPLAY_LIMIT = 500;

/** Entries after `afterId`, oldest first: for one incident, or for all when `incidentId` is null. */
export function timelineEntriesAfter(incidentId: string | null, afterId: bigint): Promise<TStreamEntry[]> {
  return db().timelineEntry.findMany({
    where: { id: { gt: afterId }, ...(incidentId ? { incidentId } : {}) },
    orderBy: { id: "asc" },
    take: REPLAY_LIMIT,
    select: STREAM_SELECT,
  });
}

/** The entries with these ids that still exist, oldest first. */
export function timelineEntriesByIds(ids: bigint[]): Promise<TStreamEntry[]> {
  return db().timelineEntry.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: STREAM_SELECT });
}

/** The newest entry id: a page rendered now streams what comes after it. */
export async function latestTimelineEntryId(): Promise<bigint> {
  const latest = await db().timelineEntry.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return latest?.id ?? 0n;
}

/** The latest entries of incidents in these statuses, newest first (incidents/queries.ts asks for the open ones). */
export async function recentEntriesOfIncidentsIn(statuses: readonly IncidentStatus[], limit: number) {
  const entries = await db().timelineEntry.findMany({
    where: { incident: { status: { in: [...statuses] } } },
    orderBy: { id: "desc" },
    take: limit,
    select: { ...STREAM_SELECT, incident: { select: { number: true, title: true } } },
  });
  return entries.map(readTimelineEntry);
}
