import type { TimelineEntryKind } from "@/lib/generated/prisma/enums";
import type { TTimelineEvent } from "@/lib/timeline/entry-details";

/** One entry of every kind, as the code writes them. */
export const TIMELINE_ENTRY_EXAMPLES: TTimelineEvent[] = [
  { kind: "declared", detail: { title: "Checkout failing for card payments", severity: "SEV1", services: ["Checkout API"] } },
  { kind: "acknowledged", detail: { secondsSinceDetection: 90, via: "link" } },
  {
    kind: "escalation_notified",
    detail: { step: 2, round: 1, urgency: "high", names: ["Ben Carter"], userIds: ["u2"], teams: ["決済チーム"] },
  },
  { kind: "escalation_escalated", detail: {} },
  { kind: "escalation_exhausted", detail: { rounds: 2 } },
  { kind: "alert_attached", detail: { alertId: "a1", integration: "Alertmanager", source: "alertmanager", title: "HighErrorRate", severity: "SEV2" } },
  { kind: "alert_refired", detail: { alertId: "a1", integration: "Alertmanager", source: "alertmanager", title: "HighErrorRate", severity: "SEV2" } },
  { kind: "alert_resolved", detail: { alertId: "a1", integration: "Alertmanager", title: "HighErrorRate" } },
  {
    kind: "alerts_truncated",
    detail: {
      integrationId: "i1",
      integration: "Alertmanager",
      source: "alertmanager",
      sender: "Alertmanager",
      groupKey: '{}:{alertname="NodeDown"}',
      count: 15,
    },
  },
  { kind: "status_changed", detail: { from: "investigating", to: "monitoring", reason: "all alerts resolved" } },
  { kind: "severity_changed", detail: { from: "SEV2", to: "SEV1" } },
  { kind: "title_changed", detail: { from: "Payments are slow", to: "Checkout failing for card payments" } },
  { kind: "summary_edited", detail: { previous: "Payments are slow" } },
  { kind: "services_changed", detail: { from: ["Checkout API"], to: ["Checkout API", "Search"] } },
  { kind: "role_assigned", detail: { role: "commander", toUserId: "u1", toName: "Aiko Tanaka" } },
  { kind: "role_handed_off", detail: { role: "operations", toUserId: "u2", toName: "Ben Carter", fromUserId: "u1", fromName: "Aiko Tanaka" } },
  { kind: "role_released", detail: { role: "planning", fromUserId: "u1", fromName: "Aiko Tanaka" } },
  { kind: "role_acknowledged", detail: { role: "communications", secondsWaited: 12 } },
  { kind: "key_event_marked", detail: { entryId: "42", keyEvent: true, entryKind: "note" } },
  { kind: "stakeholder_update", detail: { updateId: "s1", status: "identified", impact: "Payments are slow", nextUpdateAt: "2026-12-02T10:00:00.000Z" } },
  {
    kind: "checklist_item_checked",
    detail: { itemId: "c1", role: "commander", done: true, textEn: "Page the database owner", textJa: "データベース担当を呼び出す" },
  },
  { kind: "note", detail: {} },
  { kind: "slo_impact_changed", detail: { sloId: "s1", slo: "Checkout API · Availability", impact: "full_outage", previous: null } },
  { kind: "postmortem_created", detail: { postmortemId: "p1", language: "ja" } },
  { kind: "postmortem_status_changed", detail: { postmortemId: "p1", from: "draft", to: "in_review" } },
];

/** The example of one kind (tests of every kind fail when it has none). */
export function timelineEntryExample<K extends TimelineEntryKind>(kind: K) {
  const found = TIMELINE_ENTRY_EXAMPLES.find((event): event is Extract<TTimelineEvent, { kind: K }> => event.kind === kind);
  if (!found) throw new Error(`no example of a ${kind} entry: add one`);
  return found;
}
