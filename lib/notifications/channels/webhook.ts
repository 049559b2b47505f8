import { createHmac } from "node:crypto";
import type { TRecipient } from "../content";
import type { TChannelConfig, TNotificationBody, TUrgency } from "../schema";
import { postToChannel } from "./http";

/**
 * Generic JSON: the notification as data, for a receiver that renders it itself. A shift change is
 * `firebreak.shift.handoff` (to a team's channel) or `firebreak.shift.reminder` (to a person).
 */
export function webhookPayload(notification: TNotificationBody, urgency: TUrgency, recipient: TRecipient, sentAt: Date) {
  if (notification.type === "shift") {
    return {
      type: `firebreak.shift.${notification.shift.kind}`,
      sentAt: sentAt.toISOString(),
      urgency,
      recipient: { name: recipient.name, email: recipient.email, locale: recipient.locale },
      shift: notification.shift,
      links: notification.links,
    };
  }
  return {
    type: notification.test ? "firebreak.notification.test" : "firebreak.notification",
    sentAt: sentAt.toISOString(),
    urgency,
    recipient: { name: recipient.name, email: recipient.email, locale: recipient.locale },
    incident: notification.incident,
    firstAlert: notification.firstAlert,
    links: notification.links,
  };
}

/**
 * With a signing secret, `X-Firebreak-Signature: sha256=<hex HMAC-SHA256 of the body>` and the
 * timestamp it covers, so a receiver can tell Firebreak's posts from anyone else's.
 */
export async function sendWebhook(config: TChannelConfig<"webhook">, payload: ReturnType<typeof webhookPayload>): Promise<void> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (config.secrets.signingSecret) {
    headers["x-firebreak-timestamp"] = payload.sentAt;
    headers["x-firebreak-signature"] = `sha256=${createHmac("sha256", config.secrets.signingSecret).update(`${payload.sentAt}.${body}`).digest("hex")}`;
  }
  await postToChannel({ url: config.secrets.url, headers, body });
}
