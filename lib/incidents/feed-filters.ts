import type { Prisma } from "@/lib/generated/prisma/client";
import type { TimelineEntryKind } from "@/lib/generated/prisma/enums";

/** The room's activity feed: what it can be narrowed to (the filter buttons above it). */
export const FEED_FILTERS = ["all", "notes", "status", "alerts", "key"] as const;
export type TFeedFilter = (typeof FEED_FILTERS)[number];

/** How many entries the feed shows at first and adds per "Load older": a 1,000-entry incident is not one page. */
export const FEED_PAGE_SIZE = 50;

const KINDS_OF: Record<"notes" | "status" | "alerts", readonly TimelineEntryKind[]> = {
  notes: ["note", "stakeholder_update"],
  status: [
    "declared",
    "acknowledged",
    "status_changed",
    "severity_changed",
    "title_changed",
    "summary_edited",
    "services_changed",
    "role_assigned",
    "role_handed_off",
    "role_released",
    "role_acknowledged",
  ],
  alerts: ["alert_attached", "alert_refired", "alert_resolved", "alerts_truncated", "escalation_notified", "escalation_escalated", "escalation_exhausted"],
};

/** The entries a filter keeps, as a database condition. */
export function feedFilterWhere(filter: TFeedFilter): Prisma.TimelineEntryWhereInput {
  if (filter === "all") return {};
  if (filter === "key") return { keyEvent: true };
  return { kind: { in: [...KINDS_OF[filter]] } };
}

/** Whether an entry belongs under a filter (the browser applies it to entries that arrive live). */
export function feedFilterKeeps(filter: TFeedFilter, entry: { kind: TimelineEntryKind; keyEvent: boolean }): boolean {
  if (filter === "all") return true;
  if (filter === "key") return entry.keyEvent;
  return KINDS_OF[filter].includes(entry.kind);
}
