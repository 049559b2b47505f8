import type { Prisma } from "@/lib/generated/prisma/client";

/** What the room reads of a timeline entry: the feed's pages and the room's first render alike. */
export const ROOM_ENTRY_SELECT = {
  id: true,
  kind: true,
  occurredAt: true,
  body: true,
  detail: true,
  editedAt: true,
  keyEvent: true,
  actor: { select: { id: true, name: true } },
  revisions: { orderBy: { supersededAt: "asc" }, select: { body: true, supersededAt: true, editedBy: { select: { name: true } } } },
} satisfies Prisma.TimelineEntrySelect;
