import type { Prisma } from "@/lib/generated/prisma/client";

/** What every reader of a timeline entry shows: the live stream and the room's feed. */
export const TIMELINE_ENTRY_FIELDS = {
  id: true,
  kind: true,
  occurredAt: true,
  body: true,
  detail: true,
  editedAt: true,
  keyEvent: true,
  actor: { select: { id: true, name: true } },
} satisfies Prisma.TimelineEntrySelect;
