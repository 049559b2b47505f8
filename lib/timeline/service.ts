import type { TTransaction } from "@/lib/db/prisma";
import { prismaSql, type TSql } from "@/lib/db/sql";
import type { TimelineEntryKind } from "@/lib/generated/prisma/enums";
import { detailToStore, type TTimelineDetails } from "./entry-details";

type TTimelineAppendOf<K extends TimelineEntryKind> = {
  incidentId: string;
  kind: K;
  actorId: string;
  occurredAt: Date;
  body?: string;
  // A kind that records nothing besides its body (a note) needs no detail.
} & (Record<string, never> extends TTimelineDetails[K] ? { detail?: TTimelineDetails[K] } : { detail: TTimelineDetails[K] });

/** One entry to append: its detail is the one its kind defines (lib/timeline/entry-details.ts). */
export type TTimelineAppend = { [K in TimelineEntryKind]: TTimelineAppendOf<K> }[TimelineEntryKind];

function entryData(entry: TTimelineAppend) {
  return {
    incidentId: entry.incidentId,
    kind: entry.kind,
    actorId: entry.actorId,
    occurredAt: entry.occurredAt,
    body: entry.body ?? "",
    // Checked at run time too: a detail that does not match its kind throws, and the caller's transaction rolls back.
    detail: detailToStore(entry.kind, entry.detail ?? {}),
  };
}

/** The only writer of timeline entries; always called inside the transaction of the change it records. */
export function appendTimelineEntry(tx: TTransaction, entry: TTimelineAppend) {
  return tx.timelineEntry.create({ data: entryData(entry) });
}

/** Several entries at once (e.g. every alert of a storm joining one incident), in one insert, in the order given. */
export function appendTimelineEntries(tx: TTransaction, entries: TTimelineAppend[]): Promise<void> {
  return appendTimelineEntriesWith(prismaSql(tx), entries);
}

/**
 * appendTimelineEntries in the transaction of `sql`: for the code that opens incidents from alerts
 * through the pg driver (decision 026). The entries' ids, and so the stream, follow their order.
 */
export async function appendTimelineEntriesWith(sql: TSql, entries: TTimelineAppend[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map(entryData);
  await sql`
    INSERT INTO "TimelineEntry" ("incidentId", "kind", "actorId", "occurredAt", "body", "detail")
    SELECT entry."incidentId", entry."kind", entry."actorId", entry."occurredAt", entry."body", entry."detail"
    FROM unnest(
      ${rows.map((row) => row.incidentId)}::text[], ${rows.map((row) => row.kind)}::"TimelineEntryKind"[], ${rows.map((row) => row.actorId)}::text[],
      ${rows.map((row) => row.occurredAt.toISOString())}::timestamp(3)[], ${rows.map((row) => row.body)}::text[], ${rows.map((row) => JSON.stringify(row.detail))}::jsonb[]
    ) WITH ORDINALITY AS entry("incidentId", "kind", "actorId", "occurredAt", "body", "detail", "position")
    ORDER BY entry."position"`;
}

/** Edits a note's text, keeping the previous text as a revision. */
export async function reviseTimelineNote(tx: TTransaction, entryId: bigint, previousBody: string, body: string, editorId: string, at: Date) {
  await tx.timelineEntryRevision.create({ data: { entryId, body: previousBody, editedById: editorId, supersededAt: at } });
  return tx.timelineEntry.update({ where: { id: entryId }, data: { body, editedAt: at } });
}

export function markTimelineEntryAsKeyEvent(tx: TTransaction, entryId: bigint, keyEvent: boolean) {
  return tx.timelineEntry.update({ where: { id: entryId }, data: { keyEvent } });
}
