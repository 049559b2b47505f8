import { z } from "zod";
import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TimelineEntryKind } from "@/lib/generated/prisma/enums";
import type { TTranslate } from "@/lib/i18n/translate";
import { describeTimelineEntry } from "@/lib/timeline/describe";
import { readTimelineEntry } from "@/lib/timeline/entry-details";
import { ROOM_ENTRY_SELECT } from "./entry-select";
import { FEED_FILTERS, FEED_PAGE_SIZE, feedFilterWhere } from "./feed-filters";

export const ZFeedQuery = z.strictObject({
  filter: z.enum(FEED_FILTERS).default("all"),
  /** older than this entry (paging back) */
  before: z
    .string()
    .regex(/^\d{1,18}$/)
    .transform(BigInt)
    .optional(),
  /** newer than this entry (catching up after a live event) */
  after: z
    .string()
    .regex(/^\d{1,18}$/)
    .transform(BigInt)
    .optional(),
  /** this entry and every newer one (re-reading what is shown, after a note was edited) */
  from: z
    .string()
    .regex(/^\d{1,18}$/)
    .transform(BigInt)
    .optional(),
});
export type TFeedQuery = z.infer<typeof ZFeedQuery>;

type TFeedRow = ReturnType<typeof readTimelineEntry<Prisma.TimelineEntryGetPayload<{ select: typeof ROOM_ENTRY_SELECT }>>>;

/** One feed entry as the browser shows it: described in the viewer's language on the server. */
export type TFeedItem = {
  id: string;
  kind: TimelineEntryKind;
  occurredAt: string;
  actor: { id: string; name: string };
  text: string;
  /** the note's (or update's, or resolution's) text, when the entry shows one */
  body: string | null;
  keyEvent: boolean;
  edited: boolean;
  revisions: { supersededAt: string; editedBy: string; body: string }[];
};

// Kinds whose body is what people wrote; other kinds keep a body for the record only (a marked note's excerpt).
const SHOWS_BODY: readonly TimelineEntryKind[] = ["note", "declared", "stakeholder_update", "status_changed"];

function present(entry: TFeedRow, t: TTranslate, locale: string): TFeedItem {
  return {
    id: entry.id.toString(),
    kind: entry.kind,
    occurredAt: entry.occurredAt.toISOString(),
    actor: entry.actor,
    text: describeTimelineEntry(entry, t, locale),
    body: entry.body && SHOWS_BODY.includes(entry.kind) ? entry.body : null,
    keyEvent: entry.keyEvent,
    edited: entry.editedAt !== null,
    revisions: entry.revisions.map((revision) => ({
      supersededAt: revision.supersededAt.toISOString(),
      editedBy: revision.editedBy.name,
      body: revision.body,
    })),
  };
}

/**
 * A page of the feed, newest first: the newest entries, those older than `before`, or every entry
 * newer than `after` (or from `from` on). `more` says whether older entries remain under the filter.
 */
export async function feedPage(incidentId: string, query: TFeedQuery, t: TTranslate, locale: string): Promise<{ entries: TFeedItem[]; more: boolean }> {
  const id: Prisma.BigIntFilter = {};
  if (query.before !== undefined) id.lt = query.before;
  if (query.after !== undefined) id.gt = query.after;
  if (query.from !== undefined) id.gte = query.from;
  const catchingUp = query.after !== undefined || query.from !== undefined;
  const rows = await db().timelineEntry.findMany({
    where: { incidentId, id, ...feedFilterWhere(query.filter) },
    orderBy: { id: "desc" },
    // Catching up returns everything new (bounded by what one viewer can have missed between two events).
    take: catchingUp ? 500 : FEED_PAGE_SIZE + 1,
    select: ROOM_ENTRY_SELECT,
  });
  const page = catchingUp ? rows : rows.slice(0, FEED_PAGE_SIZE);
  return { entries: page.map((row) => present(readTimelineEntry(row), t, locale)), more: !catchingUp && rows.length > FEED_PAGE_SIZE };
}
