import type { TTransaction } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TimelineEntryKind } from "@/lib/generated/prisma/enums";

export type TTimelineAppend = {
  incidentId: string;
  kind: TimelineEntryKind;
  actorId: string;
  occurredAt: Date;
  body?: string;
  detail?: Prisma.InputJsonObject;
};

function entryData(entry: TTimelineAppend) {
  return {
    incidentId: entry.incidentId,
    kind: entry.kind,
    actorId: entry.actorId,
    occurredAt: entry.occurredAt,
    body: entry.body ?? "",
    detail: entry.detail ?? {},
  };
}

/** The only writer of timeline entries; always called inside the transaction of the change it records. */
export function appendTimelineEntry(tx: TTransaction, entry: TTimelineAppend) {
  return tx.timelineEntry.create({ data: entryData(entry) });
}

/** Several entries at once (e.g. every alert of a storm joining one incident), in one insert. */
export function appendTimelineEntries(tx: TTransaction, entries: TTimelineAppend[]) {
  return tx.timelineEntry.createMany({ data: entries.map(entryData) });
}

/** Edits a note's text, keeping the previous text as a revision. */
export async function reviseTimelineNote(tx: TTransaction, entryId: bigint, previousBody: string, body: string, editorId: string, at: Date) {
  await tx.timelineEntryRevision.create({ data: { entryId, body: previousBody, editedById: editorId, supersededAt: at } });
  return tx.timelineEntry.update({ where: { id: entryId }, data: { body, editedAt: at } });
}

export function markTimelineEntryAsKeyEvent(tx: TTransaction, entryId: bigint, keyEvent: boolean) {
  return tx.timelineEntry.update({ where: { id: entryId }, data: { keyEvent } });
}
