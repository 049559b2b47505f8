import { notifyUser } from "@/lib/notifications/notify";
import type { TNotification } from "@/lib/notifications/schema";
import { postToTeamChannels } from "@/lib/notifications/team-posts";
import { teamChannelAddresses } from "@/lib/oncall/team-channels";
import type { TDeliver, TEscalationNotice } from "./delivery";

const RUNBOOK = /runbook|playbook|手順/i;

/** The incident as a notification carries it: the first alert's runbook link when it has one (else its first link). */
export function notificationOf(notice: TEscalationNotice): TNotification {
  const { incident } = notice;
  const links = incident.firstAlert?.links ?? [];
  const runbook = links.find((link) => RUNBOOK.test(link.text) || RUNBOOK.test(link.href)) ?? links[0];
  return {
    type: "incident",
    incident: {
      id: incident.id,
      reference: incident.reference,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      services: incident.services,
    },
    firstAlert: incident.firstAlert ? { title: incident.firstAlert.title, source: incident.firstAlert.source, runbookUrl: runbook?.href ?? null } : null,
    links: { open: incident.url, acknowledge: notice.actions?.acknowledgeUrl ?? null, escalate: notice.actions?.escalateUrl ?? null },
    test: false,
  };
}

/**
 * A team's chat channels, each posted to with its attempt recorded. Throws (so the outbox retries,
 * then records the failure) when the team has no channel or none of them took the post.
 */
async function deliverToTeam(teamId: string, notice: TEscalationNotice): Promise<void> {
  const { teamName, channels } = await teamChannelAddresses(teamId);
  if (teamName === null) throw new Error(`the team ${teamId} no longer exists; edit the escalation policy`);
  if (channels.length === 0) throw new Error(`the team ${teamName} has no chat channel; add one on the team's page`);
  const outcomes = await postToTeamChannels(channels, notificationOf(notice), notice.urgency, new Date());
  if (!outcomes.some((outcome) => outcome.ok)) throw new Error(`no channel of the team ${teamName} took the notification: ${outcomes.map((outcome) => `${outcome.label}: ${outcome.error}`).join("; ")}`);
}

/**
 * Escalation's channel: each notified person through their own contact methods and rules
 * (lib/notifications), which record every attempt and fall through failing methods themselves; a
 * team through its chat channels (lib/oncall team channels).
 */
export const deliverToPeople: TDeliver = async (recipient, notice) => {
  if (recipient.kind === "team_channel") return deliverToTeam(recipient.teamId, notice);
  const { notificationId } = await notifyUser(recipient.userId, notificationOf(notice), notice.urgency);
  if (!notificationId) throw new Error(`the notification to user ${recipient.userId} could not be recorded`);
};
