import type { TimelineEntryKind } from "@/lib/generated/prisma/enums";
import type { TTranslate } from "@/lib/i18n/translate";
import type { TStoredTimelineEvent, TTimelineDetails } from "./entry-details";
import { formatDurationIn } from "@/lib/clock/durations";

type TContext = { t: TTranslate; locale: string };

/** One describer per kind: a kind added to the schema fails to compile until it is described here. */
const DESCRIBERS: { [K in TimelineEntryKind]: (detail: TTimelineDetails[K], context: TContext) => string } = {
  declared: ({ severity }, { t }) => t("timeline.declared", { severity }),
  acknowledged: ({ secondsSinceDetection }, { t, locale }) =>
    t("timeline.acknowledged_after", { duration: formatDurationIn(locale, secondsSinceDetection * 1000) }),
  alert_attached: ({ integration, title }, { t }) => t("timeline.alert_attached", { integration, title }),
  alert_refired: ({ title }, { t }) => t("timeline.alert_refired", { title }),
  alert_resolved: ({ title }, { t }) => t("timeline.alert_resolved", { title }),
  alerts_truncated: (detail, { t }) => describeTruncatedAlerts(detail, t, "timeline.alerts_truncated", "timeline.alerts_truncated_one"),
  status_changed: ({ from, to }, { t }) => t("timeline.status_changed", { from: t(`status.${from}`), to: t(`status.${to}`) }),
  severity_changed: ({ from, to }, { t }) => t("timeline.severity_changed", { from, to }),
  title_changed: ({ to }, { t }) => t("timeline.title_changed", { to }),
  summary_edited: (_detail, { t }) => t("timeline.summary_edited"),
  services_changed: ({ to }, { t }) => t("timeline.services_changed", { to: to.length > 0 ? to.join(", ") : "—" }),
  role_assigned: ({ role, toName }, { t }) => t("timeline.role_assigned", { role: t(`role.${role}`), to: toName }),
  role_handed_off: ({ role, fromName, toName }, { t }) => t("timeline.role_handed_off", { role: t(`role.${role}`), from: fromName, to: toName }),
  role_released: ({ role, fromName }, { t }) => t("timeline.role_released", { role: t(`role.${role}`), from: fromName }),
  role_acknowledged: ({ role }, { t }) => t("timeline.role_acknowledged", { role: t(`role.${role}`) }),
  key_event_marked: ({ keyEvent }, { t }) => t(keyEvent ? "timeline.key_event_marked" : "timeline.key_event_unmarked"),
  stakeholder_update: ({ status }, { t }) => t("timeline.stakeholder_update", { status: t(`status.${status}`) }),
  checklist_item_checked: ({ done, textEn, textJa }, { t, locale }) =>
    t(done ? "timeline.checklist_item_checked" : "timeline.checklist_item_unchecked", { item: locale === "ja" ? textJa : textEn }),
  note: (_detail, { t }) => t("timeline.note"),
  escalation_notified: ({ step, round, names, teams }, { t }) => {
    const recipients = [...names, ...teams.map((team) => t("timeline.escalation_team_channel", { team }))];
    const where = round > 1 ? t("timeline.escalation_step_round", { step, round }) : t("timeline.escalation_step", { step });
    return recipients.length > 0 ? t("timeline.escalation_notified", { recipients: recipients.join(", "), where }) : t("timeline.escalation_nobody", { where });
  },
  escalation_escalated: (_detail, { t }) => t("timeline.escalation_escalated"),
  escalation_exhausted: ({ rounds }, { t }) => t("timeline.escalation_exhausted", { rounds }),
  slo_impact_changed: ({ slo, impact }, { t }) =>
    impact ? t("timeline.slo_impact_recorded", { slo, impact: t(`slo.impact.${impact}`) }) : t("timeline.slo_impact_removed", { slo }),
  postmortem_created: (_detail, { t }) => t("timeline.postmortem_created"),
  postmortem_status_changed: ({ to }, { t }) => t("timeline.postmortem_status_changed", { status: t(`pm.status.${to}`) }),
};

function describeEvent<K extends TimelineEntryKind>(event: { kind: K; detail: TTimelineDetails[K] }, context: TContext): string {
  return DESCRIBERS[event.kind](event.detail, context);
}

/** What an entry says happened, in the viewer's language (after the actor's name). */
export function describeTimelineEntry(entry: TStoredTimelineEvent, t: TTranslate, locale: string): string {
  if (entry.detail === null) return t("timeline.unreadable");
  return describeEvent(entry, { t, locale });
}

/** What a sender left out of a group (an `alerts_truncated` entry's detail), in the viewer's language. */
export function describeTruncatedAlerts(
  { sender, groupKey, count }: TTimelineDetails["alerts_truncated"],
  t: TTranslate,
  key: "timeline.alerts_truncated" | "room.alertsTruncated",
  keyForOne: "timeline.alerts_truncated_one" | "room.alertsTruncated_one",
): string {
  return t(count === 1 ? keyForOne : key, { sender, group: groupKey, count });
}
