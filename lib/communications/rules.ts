import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { isOpen } from "@/lib/incidents/rules";
import { formatUtcMinute } from "@/lib/clock/format-time";
import { escapeSlackText, slackLink } from "@/lib/markup/escape";

export const MAX_DELIVERY_ATTEMPTS = 5;

/** Wait before the next attempt after `attempts` failures: 10 s, 20 s, 40 s, 80 s. */
export function retryDelayMs(attempts: number): number {
  return 10_000 * 2 ** Math.max(0, attempts - 1);
}

/** The promised next update has passed while the incident is still open. */
export function isUpdateOverdue(nextUpdateAt: Date | null, status: IncidentStatus, now: Date): boolean {
  return nextUpdateAt !== null && isOpen(status) && nextUpdateAt.getTime() < now.getTime();
}

export type TPublishedUpdate = {
  incident: { reference: string; title: string; severity: string; url: string };
  status: string;
  impact: string;
  message: string;
  nextUpdateAt: Date | null;
  publishedAt: Date;
  author: string;
};

/**
 * Slack-compatible incoming-webhook JSON (also understood by Mattermost and others). Every text is
 * escaped, since incident titles come from alert senders; the only link is the incident's own page.
 */
export function slackPayload(update: TPublishedUpdate) {
  const next = update.nextUpdateAt ? `\nNext update by ${formatUtcMinute(update.nextUpdateAt)}.` : "";
  const { reference, title, severity, url } = update.incident;
  const status = escapeSlackText(update.status);
  return {
    text: `[${escapeSlackText(severity)}] ${escapeSlackText(`${reference} ${title}`)}: ${status}`,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `*${slackLink(url, `${reference} ${title}`)}* · ${escapeSlackText(severity)} · *${status}*` },
      },
      { type: "section", text: { type: "mrkdwn", text: `*Impact:* ${escapeSlackText(update.impact)}\n${escapeSlackText(update.message)}${next}` } },
      { type: "context", elements: [{ type: "mrkdwn", text: `Posted by ${escapeSlackText(update.author)} in Firebreak` }] },
    ],
  };
}

export function genericPayload(update: TPublishedUpdate) {
  return {
    event: "stakeholder_update",
    incident: update.incident,
    update: {
      status: update.status,
      impact: update.impact,
      message: update.message,
      nextUpdateAt: update.nextUpdateAt?.toISOString() ?? null,
      publishedAt: update.publishedAt.toISOString(),
      author: update.author,
    },
  };
}
