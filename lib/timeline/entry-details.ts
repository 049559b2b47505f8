import { z } from "zod";
import {
  AlertSource,
  IncidentRole,
  IncidentStatus,
  PostmortemLanguage,
  PostmortemStatus,
  Severity,
  SloImpact,
  TimelineEntryKind,
} from "@/lib/generated/prisma/enums";

// What each kind of timeline entry records besides its actor, time and body. Entries are the audit
// log: rows stay for years, so a change here must still read every row written before it (make a
// field optional rather than required, add a kind rather than reshape one). Unknown fields are
// dropped on read, so that a process reading a row written by a newer release still shows it.

const ZRole = z.enum(IncidentRole);
const ZSeverity = z.enum(Severity);
const ZStatus = z.enum(IncidentStatus);

/** The alert that opened an incident, on its `declared` entry. */
const ZOpeningAlert = z.object({ alertId: z.string(), integration: z.string(), source: z.enum(AlertSource), title: z.string() });

const ZAlertFired = z.object({
  alertId: z.string(),
  integration: z.string(),
  source: z.enum(AlertSource),
  title: z.string(),
  severity: ZSeverity,
});

/** Where an incident was acknowledged. */
export const ACKNOWLEDGED_VIA = ["room", "api", "link", "slack"] as const;
export type TAcknowledgedVia = (typeof ACKNOWLEDGED_VIA)[number];

const ZRoleTakenOver = z.object({ role: ZRole, toUserId: z.string(), toName: z.string() });

const entry = <K extends TimelineEntryKind, D extends z.ZodType>(kind: K, detail: D) => z.object({ kind: z.literal(kind), detail });

export const ZTimelineEvent = z.discriminatedUnion("kind", [
  entry(
    "declared",
    z.object({
      title: z.string(),
      severity: ZSeverity,
      /** declared by a person: the affected services' names */
      services: z.array(z.string()).optional(),
      /** opened by an alert */
      alert: ZOpeningAlert.optional(),
    }),
  ),
  entry(
    "acknowledged",
    z.object({
      secondsSinceDetection: z.number().int().nonnegative(),
      /** where: in the room, from a notification's one-tap link, or its button in Slack (absent in entries written before links existed) */
      via: z.enum(ACKNOWLEDGED_VIA).optional(),
    }),
  ),
  entry("alert_attached", ZAlertFired),
  entry("alert_refired", ZAlertFired),
  entry("alert_resolved", z.object({ alertId: z.string(), integration: z.string(), title: z.string() })),
  entry(
    "alerts_truncated",
    z.object({
      integrationId: z.string(),
      integration: z.string(),
      source: z.enum(AlertSource),
      /** who left the alerts out, e.g. "Alertmanager" */
      sender: z.string(),
      groupKey: z.string(),
      count: z.number().int().positive(),
    }),
  ),
  entry(
    "status_changed",
    z.object({
      from: ZStatus,
      to: ZStatus,
      /** set when the system changed it, e.g. "all alerts resolved" */
      reason: z.string().optional(),
    }),
  ),
  entry("severity_changed", z.object({ from: ZSeverity, to: ZSeverity })),
  entry("title_changed", z.object({ from: z.string(), to: z.string() })),
  entry("summary_edited", z.object({ previous: z.string() })),
  entry("services_changed", z.object({ from: z.array(z.string()), to: z.array(z.string()) })),
  entry("role_assigned", ZRoleTakenOver),
  entry("role_handed_off", ZRoleTakenOver.extend({ fromUserId: z.string(), fromName: z.string() })),
  entry("role_released", z.object({ role: ZRole, fromUserId: z.string(), fromName: z.string() })),
  entry("role_acknowledged", z.object({ role: ZRole, secondsWaited: z.number().int().nonnegative() })),
  entry("key_event_marked", z.object({ entryId: z.string().regex(/^\d+$/), keyEvent: z.boolean(), entryKind: z.enum(TimelineEntryKind) })),
  entry("stakeholder_update", z.object({ updateId: z.string(), status: ZStatus, impact: z.string(), nextUpdateAt: z.iso.datetime().nullable() })),
  entry("checklist_item_checked", z.object({ itemId: z.string(), role: ZRole, done: z.boolean(), textEn: z.string(), textJa: z.string() })),
  entry("note", z.object({})),
  entry(
    "slo_impact_changed",
    z.object({
      sloId: z.string(),
      /** "Service · SLO", as named when the impact changed */
      slo: z.string(),
      /** null: the impact was removed */
      impact: z.enum(SloImpact).nullable(),
      previous: z.enum(SloImpact).nullable(),
    }),
  ),
  entry(
    "escalation_notified",
    z.object({
      /** 1-based, as people count them */
      step: z.number().int().positive(),
      round: z.number().int().positive(),
      urgency: z.enum(["high", "low"]),
      names: z.array(z.string()),
      userIds: z.array(z.string()),
      teams: z.array(z.string()),
    }),
  ),
  entry("escalation_escalated", z.object({})),
  entry("escalation_exhausted", z.object({ rounds: z.number().int().positive() })),
  entry("postmortem_created", z.object({ postmortemId: z.string(), language: z.enum(PostmortemLanguage) })),
  entry("postmortem_status_changed", z.object({ postmortemId: z.string(), from: z.enum(PostmortemStatus), to: z.enum(PostmortemStatus) })),
]);

/** An entry's kind with the detail that kind records. */
export type TTimelineEvent = z.output<typeof ZTimelineEvent>;
/**
 * Each kind's detail. Keyed by the kinds that have a schema above, so that code indexing it by every
 * kind of the database enum (the writer, describe) fails to compile until a new kind has one.
 */
export type TTimelineDetails = { [E in TTimelineEvent as E["kind"]]: E["detail"] };
export type TOpeningAlert = z.output<typeof ZOpeningAlert>;

/** A stored entry as read back: its kind's detail, or null when the row does not match its kind's schema. */
export type TStoredTimelineEvent = TTimelineEvent | { kind: TimelineEntryKind; detail: null };

/** Thrown by the timeline writer for a detail its kind does not define: a bug in the caller, never user input. */
export class TimelineDetailError extends Error {
  constructor(kind: TimelineEntryKind, problem: string) {
    super(`A "${kind}" timeline entry's detail does not match its kind: ${problem}`);
    this.name = "TimelineDetailError";
  }
}

/** The detail as it is stored: checked against its kind's schema, every field known. */
export function detailToStore(kind: TimelineEntryKind, detail: object): TTimelineEvent["detail"] {
  const parsed = ZTimelineEvent.safeParse({ kind, detail });
  if (!parsed.success) throw new TimelineDetailError(kind, z.prettifyError(parsed.error));
  const unknown = Object.entries(detail).filter(([key, value]) => value !== undefined && !(key in parsed.data.detail));
  if (unknown.length > 0) throw new TimelineDetailError(kind, `unknown field(s) ${unknown.map(([key]) => key).join(", ")}`);
  return parsed.data.detail;
}

const reportedUnreadable = new Set<bigint>();

/**
 * Reads a stored entry's detail against its kind's schema. A row that does not match (written by
 * hand, or by a release whose shapes were later changed without keeping it readable) reads as an
 * entry with no detail, which pages show as a generic line; it is logged once per process and row.
 */
export function readTimelineEvent(row: { id: bigint; kind: TimelineEntryKind; detail: unknown }): TStoredTimelineEvent {
  const parsed = ZTimelineEvent.safeParse({ kind: row.kind, detail: row.detail });
  if (parsed.success) return parsed.data;
  if (!reportedUnreadable.has(row.id)) {
    reportedUnreadable.add(row.id);
    console.error(`[timeline] entry ${row.id} (${row.kind}) has a detail its kind does not define, shown as unreadable: ${z.prettifyError(parsed.error)}`);
  }
  return { kind: row.kind, detail: null };
}

/** A stored row with its detail read against its kind's schema (see readTimelineEvent). */
export function readTimelineEntry<T extends { id: bigint; kind: TimelineEntryKind; detail: unknown }>(
  row: T,
): Omit<T, "kind" | "detail"> & TStoredTimelineEvent {
  const { kind: _kind, detail: _detail, ...rest } = row;
  return { ...rest, ...readTimelineEvent(row) };
}
