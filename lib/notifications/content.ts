import { translator, type TLocale } from "@/lib/i18n/translate";
import type { TNotification, TNotificationBody, TShiftNotification } from "./schema";

/**
 * A notification's content in the recipient's language, as plain text pieces. Each channel places
 * these into its own markup with that markup's escaping (lib/markup/escape.ts): every text here may
 * come from an alert sender and is never markup itself. The links are the caller's (Firebreak's own
 * pages and one-tap links) except the runbook, which the alert carried and which is http(s) only.
 */
export type TContent = {
  /** one line: "[SEV1] INC-12 Checkout 502s", prefixed by "Test notification" for a test */
  headline: string;
  /** label and value pairs: severity, status, services */
  facts: { label: string; value: string }[];
  firstAlert: { label: string; text: string; runbook: { label: string; url: string } | null } | null;
  /** shown instead of the incident facts' explanation on a test */
  testNote: string | null;
  /** acknowledge, escalate now (when the caller gave them), open */
  actions: { kind: "acknowledge" | "escalate" | "open"; label: string; url: string }[];
  footer: string;
};

/** A person, or a team's channel (`team`: the footer names the team, not a person). */
export type TRecipient = { name: string; email: string; locale: TLocale; team?: boolean };

const footerOf = (t: ReturnType<typeof translator>, recipient: TRecipient) => (recipient.team ? t("notify.teamFooter", { team: recipient.name }) : t("notify.footer", { name: recipient.name }));

/** An instant as people of the team read it: in the team's zone, in the recipient's language, with the zone's abbreviation. */
export function formatShiftInstant(iso: string, timeZone: string, locale: TLocale): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(new Date(iso));
}

/** "Primary: Aiko hands over to Ben (until 11 Jan 2027, 10:00 GMT+9)", or the reminder's "you are on call from …". */
export function shiftHeadline(notification: TShiftNotification, locale: TLocale): string {
  const t = translator(locale);
  const { shift } = notification;
  const when = (iso: string) => formatShiftInstant(iso, shift.timeZone, locale);
  const names = (people: string[]) => people.join(", ");
  // The suffix carries its own spacing: a space before the English parenthesis, none before the full-width one.
  const until = shift.until ? t("notify.shift.untilSuffix", { until: when(shift.until) }) : "";
  if (shift.kind === "reminder") return `${t("notify.shift.reminder", { schedule: shift.schedule, startsAt: when(shift.startsAt) })}${until}`;
  if (shift.incoming.length === 0) return t("notify.shift.offCall", { schedule: shift.schedule, outgoing: names(shift.outgoing) });
  if (shift.outgoing.length === 0) return `${t("notify.shift.onCall", { schedule: shift.schedule, incoming: names(shift.incoming) })}${until}`;
  return `${t("notify.shift.handoff", { schedule: shift.schedule, outgoing: names(shift.outgoing), incoming: names(shift.incoming) })}${until}`;
}

function shiftContent(notification: TShiftNotification, recipient: TRecipient): TContent {
  const t = translator(recipient.locale);
  const { shift } = notification;
  const when = (iso: string) => formatShiftInstant(iso, shift.timeZone, recipient.locale);
  return {
    headline: shiftHeadline(notification, recipient.locale),
    facts: [
      { label: t("notify.shift.team"), value: shift.team },
      { label: t("notify.shift.schedule"), value: shift.schedule },
      { label: t("notify.shift.from"), value: when(shift.startsAt) },
      { label: t("notify.shift.until"), value: shift.until ? when(shift.until) : t("notify.shift.openEnded") },
    ],
    firstAlert: null,
    testNote: null,
    actions: [{ kind: "open", label: t("notify.shift.open"), url: notification.links.open }],
    footer: footerOf(t, recipient),
  };
}

export function notificationContent(body: TNotificationBody, recipient: TRecipient): TContent {
  if (body.type === "shift") return shiftContent(body, recipient);
  return incidentContent(body, recipient);
}

function incidentContent(notification: TNotification, recipient: TRecipient): TContent {
  const t = translator(recipient.locale);
  const { incident, firstAlert, links } = notification;
  const subject = t("notify.subject", { severity: incident.severity, reference: incident.reference, title: incident.title });
  const actions: TContent["actions"] = [];
  if (links.acknowledge) actions.push({ kind: "acknowledge", label: t("notify.acknowledge"), url: links.acknowledge });
  if (links.escalate) actions.push({ kind: "escalate", label: t("notify.escalate"), url: links.escalate });
  actions.push({ kind: "open", label: t("notify.open"), url: links.open });
  return {
    headline: notification.test ? `${t("notify.test")}: ${subject}` : subject,
    facts: [
      { label: t("notify.severity"), value: incident.severity },
      { label: t("notify.status"), value: t(`status.${incident.status}`) },
      { label: t("notify.services"), value: incident.services.length > 0 ? incident.services.join(", ") : t("notify.noServices") },
    ],
    firstAlert: firstAlert
      ? {
          label: t("notify.firstAlert"),
          text: `${firstAlert.title} (${firstAlert.source})`,
          runbook: firstAlert.runbookUrl ? { label: t("notify.runbook"), url: firstAlert.runbookUrl } : null,
        }
      : null,
    testNote: notification.test ? t("notify.testBody") : null,
    actions,
    footer: footerOf(t, recipient),
  };
}

/** The content as plain text lines (SMS, push, ntfy, the text part of an email). */
export function plainTextLines(content: TContent): string[] {
  const lines = [content.headline];
  if (content.testNote) lines.push(content.testNote);
  for (const fact of content.facts) lines.push(`${fact.label}: ${fact.value}`);
  if (content.firstAlert) {
    lines.push(`${content.firstAlert.label}: ${content.firstAlert.text}`);
    if (content.firstAlert.runbook) lines.push(`${content.firstAlert.runbook.label}: ${content.firstAlert.runbook.url}`);
  }
  for (const action of content.actions) lines.push(`${action.label}: ${action.url}`);
  return lines;
}

/** Text cut to `max` characters (by code point, so a Japanese title is never split mid-character). */
export function truncate(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join("")}…`;
}
