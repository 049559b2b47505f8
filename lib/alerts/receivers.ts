import { bearerToken } from "@/lib/auth/api-token";
import { DomainError } from "@/lib/errors";
import type { TApiAnswer } from "@/lib/http/api";
import { MAX_ALERT_PAYLOAD_BYTES } from "./deliveries";
import { receiveAlertWebhook } from "./receive";
import { invalidPagerDutyEvent, unknownIntegration, webhookAnswer } from "./webhook-response";

// The alert receivers, whatever serves their HTTP: Next's route handlers (app/api/…) and, in the
// server, a plain Node handler that skips Next's route layer (lib/alerts/plain-receivers.ts). Refusals
// are thrown as ReceiverRefusal or DomainError, for the caller's error handling to answer.

/** A request body as read under the receivers' limit: its text, cut one byte past the limit when larger. */
export type TReceivedBody = { text: string; tooLarge: boolean };

/** The body limit of every alert receiver. */
export const RECEIVER_BODY_LIMIT = MAX_ALERT_PAYLOAD_BYTES;

/** `POST /api/ingest`, for senders that can set headers: `Authorization: Bearer <integration key>`. */
export async function receiveBearerWebhook(authorization: string | null, body: TReceivedBody): Promise<TApiAnswer> {
  const key = bearerToken(authorization);
  if (!key) throw new DomainError(401, "unauthenticated", "errors.integration.keyMissing");
  const received = await receiveAlertWebhook(key, body.text);
  if (!received) throw unknownIntegration();
  return webhookAnswer(received.source, received.outcome);
}

/** `POST /api/integrations/<key>/alerts`: the key in the URL is the credential (senders that cannot set headers). */
export async function receivePathWebhook(key: string, body: TReceivedBody): Promise<TApiAnswer> {
  const received = await receiveAlertWebhook(key, body.text);
  if (!received) throw unknownIntegration();
  return webhookAnswer(received.source, received.outcome);
}

/** `POST /api/pagerduty/v2/enqueue`, PagerDuty's Events API v2: the integration key is the event's routing_key. */
export async function receivePagerDutyEvent(body: TReceivedBody): Promise<TApiAnswer> {
  if (body.tooLarge) throw invalidPagerDutyEvent(413, "errors.receiver.tooLarge", { kib: RECEIVER_BODY_LIMIT / 1024 });
  // Only the routing key is read here (JSON.parse itself does not recurse, however deep the body):
  // the integration's ingest validates the rest, and logs what it refuses.
  let routingKey: unknown;
  try {
    routingKey = (JSON.parse(body.text) as { routing_key?: unknown }).routing_key;
  } catch {
    throw invalidPagerDutyEvent(400, "errors.receiver.notJson");
  }
  if (typeof routingKey !== "string") throw invalidPagerDutyEvent(400, "errors.receiver.routingKeyMissing");
  const received = await receiveAlertWebhook(routingKey, body.text, "pagerduty");
  if (!received) throw invalidPagerDutyEvent(404, "errors.receiver.unknownRoutingKey");
  return webhookAnswer(received.source, received.outcome);
}
