import { translator, type TLocale } from "@/lib/i18n/translate";
import { escapeSlackText } from "@/lib/markup/escape";
import { SLACK_ACTIONS_BLOCK } from "@/lib/notifications/channels/slack";
import type { TActionLinkReport, TActionOutcome } from "./action-tokens";

// What Firebreak posts to a click's response_url: the message itself, updated, once its button has
// done (or had already done) what it says; otherwise a note only the clicker sees, the message as it was.

type TBlock = Record<string, unknown>;
export type TSlackReply =
  | { replace_original: true; text: string; blocks: TBlock[] }
  | { replace_original: false; response_type: "ephemeral"; text: string };

/**
 * A time as Slack's date token: each reader sees it in their own time zone and Slack's language; the
 * text after `|` is for clients that cannot render the token.
 */
export function slackTime(at: Date): string {
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time}|${at.toISOString().slice(0, 16).replace("T", " ")} UTC>`;
}

const localeOf = (locale: string | undefined): TLocale => (locale === "ja" ? "ja" : "en");

const ACK_BUTTONS = ["firebreak_acknowledge", "firebreak_escalate"];
const ESCALATE_BUTTONS = ["firebreak_escalate"];

/**
 * The original blocks with the line saying what happened in place of the buttons that have nothing
 * left to do (the rest, such as "Open the incident", stay after it). Without the original (Slack
 * leaves `message` out for some surfaces) the line alone replaces it.
 */
function settledMessage(original: TBlock[] | null, done: string[], line: string): TSlackReply {
  const result: TBlock = { type: "section", text: { type: "mrkdwn", text: line } };
  const blocks: TBlock[] = [];
  for (const block of original ?? []) {
    if (block.block_id !== SLACK_ACTIONS_BLOCK || !Array.isArray(block.elements)) {
      blocks.push(block);
      continue;
    }
    const elements = (block.elements as TBlock[]).filter((element) => !done.includes(String(element.action_id)));
    blocks.push(result, ...(elements.length > 0 ? [{ ...block, elements }] : []));
  }
  if (!blocks.includes(result)) blocks.push(result);
  return { replace_original: true, text: line, blocks };
}

const note = (text: string): TSlackReply => ({ replace_original: false, response_type: "ephemeral", text });

/**
 * The reply to a click on a Slack button, in the notified person's language. A click that finds
 * its work already done (the same button twice, or the incident acknowledged by someone else or from
 * another channel) says so as politely as the first: the message then shows who acknowledged and when.
 */
export function slackActionReply(outcome: TActionOutcome, report: TActionLinkReport | null, original: TBlock[] | null): TSlackReply {
  const t = translator(localeOf(report?.person.locale));
  const acknowledgement = () => {
    const acknowledgedAt = report?.incident.acknowledgedAt;
    if (!report || !acknowledgedAt) return note(t("slackReply.used"));
    const name = escapeSlackText(report.incident.acknowledgedBy ?? report.person.name);
    return settledMessage(original, ACK_BUTTONS, t("slackReply.acknowledged", { name, time: slackTime(acknowledgedAt) }));
  };
  const escalation = () =>
    report?.usedAt
      ? settledMessage(original, ESCALATE_BUTTONS, t("slackReply.escalated", { name: escapeSlackText(report.person.name), time: slackTime(report.usedAt) }))
      : note(t("slackReply.used"));
  switch (outcome.outcome) {
    case "acknowledged":
    case "already_acknowledged":
      return acknowledgement();
    case "escalated":
      return escalation();
    case "used":
      return report?.action === "acknowledge" ? acknowledgement() : escalation();
    case "not_escalated":
      return note(t("slackReply.notEscalated", { reference: outcome.reference }));
    case "expired":
      return note(t("slackReply.expired"));
    case "unknown":
      return note(t("slackReply.unknown"));
  }
}
