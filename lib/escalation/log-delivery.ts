import type { TDeliver } from "./delivery";

/**
 * The channel escalation uses until contact methods exist (lib/notifications): one log line per
 * notification, so an operator sees who would have been told. Replaced by notifyUser when merged.
 */
export const logEscalationNotice: TDeliver = async (recipient, notice) => {
  const to = recipient.kind === "user" ? `user ${recipient.userId}` : `team channel ${recipient.teamId}`;
  console.log(`[escalation] ${notice.incident.reference} step ${notice.step} (${notice.urgency} urgency) → ${to}`);
};
