import { notifyUser } from "@/lib/notifications/notify";
import type { TNotification } from "@/lib/notifications/schema";
import type { TDeliver, TEscalationNotice } from "./delivery";

const RUNBOOK = /runbook|playbook|手順/i;

/** The incident as a notification carries it: the first alert's runbook link when it has one (else its first link). */
export function notificationOf(notice: TEscalationNotice): TNotification {
  const { incident } = notice;
  const links = incident.firstAlert?.links ?? [];
  const runbook = links.find((link) => RUNBOOK.test(link.text) || RUNBOOK.test(link.href)) ?? links[0];
  return {
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
 * Escalation's channel: each notified person through their own contact methods and rules
 * (lib/notifications), which record every attempt and fall through failing methods themselves.
 * A team's chat channel has no address of its own yet, so such a step fails loudly in the outbox.
 */
export const deliverToPeople: TDeliver = async (recipient, notice) => {
  if (recipient.kind === "team_channel") throw new Error("a team channel has no chat address configured; notify a schedule or a person in this step");
  const { notificationId } = await notifyUser(recipient.userId, notificationOf(notice), notice.urgency);
  if (!notificationId) throw new Error(`the notification to user ${recipient.userId} could not be recorded`);
};
