import type { Prisma } from "@/lib/generated/prisma/client";
import { TIMELINE_ENTRY_FIELDS } from "@/lib/timeline/entry-fields";

/** What the room reads of a timeline entry: the feed's pages and the room's first render alike. */
export const ROOM_ENTRY_SELECT = {
  ...TIMELINE_ENTRY_FIELDS,
  revisions: { orderBy: { supersededAt: "asc" }, select: { body: true, supersededAt: true, editedBy: { select: { name: true } } } },
} satisfies Prisma.TimelineEntrySelect;
