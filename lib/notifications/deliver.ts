import { describeOutboundFailure, OutboundRefusedError } from "@/lib/http/outbound";
import { loadChannel } from "./channel-store";
import { sendChatwork } from "./channels/chatwork";
import { sendEmail } from "./channels/email";
import { ChannelError } from "./channels/http";
import { sendNtfy } from "./channels/ntfy";
import { sendPagerduty } from "./channels/pagerduty";
import { sendSlack } from "./channels/slack";
import { sendTeams } from "./channels/teams";
import { sendSms, sendVoiceCall } from "./channels/twilio";
import { sendWebhook, webhookPayload } from "./channels/webhook";
import { sendWebPush } from "./channels/webpush";
import { notificationContent, type TRecipient } from "./content";
import { CHANNEL_OF_METHOD, TARGET_SCHEMAS, type TChannelConfig, type TChannelKind, type TContactMethodKind, type TNotificationBody, type TUrgency } from "./schema";

export type TContactMethod = { id: string; kind: TContactMethodKind; label: string; target: unknown };
export type TDeliveryResult = { channel: TChannelKind; ok: boolean; error: string; latencyMs: number };

class NotConfiguredError extends Error {}

async function channel<K extends TChannelKind>(kind: K): Promise<TChannelConfig<K>> {
  const config = await loadChannel(kind);
  if (!config) throw new NotConfiguredError(`the ${kind} channel is not set up (or is switched off) by an admin`);
  return config;
}

/** Why a delivery failed, in words for the record: never a secret, never what a receiver wrote back. */
export function describeDeliveryFailure(error: unknown): string {
  if (error instanceof ChannelError || error instanceof NotConfiguredError || error instanceof OutboundRefusedError) return error.message;
  const smtp = error as { code?: string; responseCode?: number; command?: string };
  if (smtp && typeof smtp.code === "string" && (smtp.responseCode !== undefined || smtp.code.startsWith("E"))) {
    const detail = smtp.responseCode ? ` (SMTP ${smtp.responseCode}${smtp.command ? ` after ${smtp.command}` : ""})` : "";
    return `the mail server ${smtp.code === "ECONNECTION" || smtp.code === "ESOCKET" ? "could not be reached" : "refused the message"}: ${smtp.code}${detail}`;
  }
  return describeOutboundFailure(error);
}

async function send(method: TContactMethod, notification: TNotificationBody, urgency: TUrgency, recipient: TRecipient, now: Date): Promise<void> {
  const content = notificationContent(notification, recipient);
  const target = (kind: TContactMethodKind) => {
    const parsed = TARGET_SCHEMAS[kind].safeParse(method.target);
    if (!parsed.success) throw new ChannelError("the contact method's address is not valid any more: edit or re-add it");
    return parsed.data;
  };
  switch (method.kind) {
    case "email":
      return sendEmail(await channel("email"), (target("email") as { address: string }).address, content, recipient.locale);
    case "webpush":
      return sendWebPush(await channel("webpush"), target("webpush") as never, content, urgency);
    case "sms":
      return sendSms(await channel("twilio"), (target("sms") as { phone: string }).phone, content);
    case "voice":
      return sendVoiceCall(await channel("twilio"), (target("voice") as { phone: string }).phone, notification, recipient.locale);
    case "slack":
      return sendSlack(await channel("slack"), target("slack") as { conversation: string }, content);
    case "teams":
      return sendTeams(await channel("teams"), content);
    case "chatwork":
      return sendChatwork(await channel("chatwork"), target("chatwork") as { roomId: string; accountId: string }, content);
    case "webhook":
      return sendWebhook(await channel("webhook"), webhookPayload(notification, urgency, recipient, now));
    case "ntfy":
      return sendNtfy(await channel("ntfy"), target("ntfy") as { topic: string }, content, urgency);
    case "pagerduty":
      // A PagerDuty event opens an incident there: a shift notice is not one.
      if (notification.type === "shift") throw new ChannelError("PagerDuty takes incidents only, not shift notices: add another method for low urgency");
      return sendPagerduty(await channel("pagerduty"), notification);
  }
}

/** One attempt at one contact method: never throws, and says how long it took. */
export async function deliverToMethod(method: TContactMethod, notification: TNotificationBody, urgency: TUrgency, recipient: TRecipient, now: Date): Promise<TDeliveryResult> {
  const started = performance.now();
  const channelKind = CHANNEL_OF_METHOD[method.kind];
  try {
    await send(method, notification, urgency, recipient, now);
    return { channel: channelKind, ok: true, error: "", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { channel: channelKind, ok: false, error: describeDeliveryFailure(error).slice(0, 500), latencyMs: Math.round(performance.now() - started) };
  }
}
