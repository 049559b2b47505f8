import type { Prisma } from "@/lib/generated/prisma/client";
import type { TimelineEntryKind } from "@/lib/generated/prisma/enums";
import type { TTranslate } from "@/lib/i18n/translate";
import { formatDuration } from "@/lib/incidents/durations";

type TDetail = Record<string, string | undefined>;

/** What an entry says happened, in the viewer's language (after the actor's name). */
export function describeTimelineEntry(entry: { kind: TimelineEntryKind; detail: Prisma.JsonValue; body: string }, t: TTranslate, locale: string): string {
  const detail = (entry.detail ?? {}) as TDetail;
  const role = detail.role ? t(`role.${detail.role}` as Parameters<TTranslate>[0]) : "";
  switch (entry.kind) {
    case "declared":
      return t("timeline.declared", { severity: detail.severity ?? "" });
    case "status_changed":
      return t("timeline.status_changed", {
        from: t(`status.${detail.from}` as Parameters<TTranslate>[0]),
        to: t(`status.${detail.to}` as Parameters<TTranslate>[0]),
      });
    case "severity_changed":
      return t("timeline.severity_changed", { from: detail.from ?? "", to: detail.to ?? "" });
    case "title_changed":
      return t("timeline.title_changed", { to: detail.to ?? "" });
    case "services_changed": {
      const names = (entry.detail as { to?: string[] } | null)?.to ?? [];
      return t("timeline.services_changed", { to: names.length > 0 ? names.join(", ") : "—" });
    }
    case "alert_attached":
      return t("timeline.alert_attached", { integration: detail.integration ?? "", title: detail.title ?? entry.body });
    case "alert_refired":
      return t("timeline.alert_refired", { title: detail.title ?? entry.body });
    case "alert_resolved":
      return t("timeline.alert_resolved", { title: detail.title ?? entry.body });
    case "alerts_truncated":
      return describeTruncatedAlerts(entry.detail, t, "timeline.alerts_truncated", "timeline.alerts_truncated_one");
    case "checklist_item_checked": {
      const item = (locale === "ja" ? detail.textJa : detail.textEn) ?? "";
      return t((entry.detail as { done?: boolean } | null)?.done ? "timeline.checklist_item_checked" : "timeline.checklist_item_unchecked", { item });
    }
    case "stakeholder_update":
      return t("timeline.stakeholder_update", { status: t(`status.${detail.status}` as Parameters<TTranslate>[0]) });
    case "role_acknowledged":
      return t("timeline.role_acknowledged", { role });
    case "acknowledged": {
      const seconds = (entry.detail as { secondsSinceDetection?: number } | null)?.secondsSinceDetection;
      return typeof seconds === "number" ? t("timeline.acknowledged_after", { duration: formatDuration(seconds * 1000) }) : t("timeline.acknowledged");
    }
    case "escalation_notified":
      return describeEscalationStep(entry.detail, t);
    case "escalation_exhausted":
      return t("timeline.escalation_exhausted", { rounds: Number((entry.detail as { rounds?: number } | null)?.rounds ?? 1) });
    case "slo_impact_changed":
      return detail.impact
        ? t("timeline.slo_impact_recorded", { slo: detail.slo ?? "", impact: t(`slo.impact.${detail.impact}` as Parameters<TTranslate>[0]) })
        : t("timeline.slo_impact_removed", { slo: detail.slo ?? "" });
    case "key_event_marked":
      return t((entry.detail as { keyEvent?: boolean } | null)?.keyEvent ? "timeline.key_event_marked" : "timeline.key_event_unmarked");
    case "role_assigned":
      return t("timeline.role_assigned", { role, to: detail.toName ?? "" });
    case "role_handed_off":
      return t("timeline.role_handed_off", { role, from: detail.fromName ?? "", to: detail.toName ?? "" });
    case "role_released":
      return t("timeline.role_released", { role, from: detail.fromName ?? "" });
    case "postmortem_status_changed":
      return t("timeline.postmortem_status_changed", { status: t(`pm.status.${detail.to}` as Parameters<TTranslate>[0]) });
    default:
      return t(`timeline.${entry.kind}`);
  }
}

/** What a sender left out of a group (an `alerts_truncated` entry's detail), in the viewer's language. */
export function describeTruncatedAlerts(
  detail: Prisma.JsonValue,
  t: TTranslate,
  key: "timeline.alerts_truncated" | "room.alertsTruncated",
  keyForOne: "timeline.alerts_truncated_one" | "room.alertsTruncated_one",
): string {
  const { sender = "", groupKey = "", count = 0 } = (detail ?? {}) as { sender?: string; groupKey?: string; count?: number };
  return t(count === 1 ? keyForOne : key, { sender, group: groupKey, count });
}

/** "notified Aiko Tanaka, the Payments team channel (step 2)"; the round only once the policy repeats. */
function describeEscalationStep(detail: Prisma.JsonValue, t: TTranslate): string {
  const { step = 1, round = 1, names = [], teams = [] } = (detail ?? {}) as { step?: number; round?: number; names?: string[]; teams?: string[] };
  const recipients = [...names, ...teams.map((team) => t("timeline.escalation_team_channel", { team }))];
  const where = round > 1 ? t("timeline.escalation_step_round", { step, round }) : t("timeline.escalation_step", { step });
  return recipients.length > 0 ? t("timeline.escalation_notified", { recipients: recipients.join(", "), where }) : t("timeline.escalation_nobody", { where });
}
