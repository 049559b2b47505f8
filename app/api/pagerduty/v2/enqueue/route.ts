import { MAX_ALERT_PAYLOAD_BYTES } from "@/lib/alerts/deliveries";
import { receiveAlertWebhook } from "@/lib/alerts/receive";
import { invalidPagerDutyEvent, pagerDutyError, RECEIVER_ROUTE, webhookResponse } from "@/lib/alerts/webhook-response";
import { apiRoute } from "@/lib/http/api";
import { readBodyCapped } from "@/lib/http/body";

/** PagerDuty Events API v2, unchanged: point a PagerDuty sender's events URL here, with the integration key as routing_key. */
export const POST = apiRoute(
  async (request) => {
    const body = await readBodyCapped(request, MAX_ALERT_PAYLOAD_BYTES);
    if (body.tooLarge) throw invalidPagerDutyEvent(413, `The payload is larger than ${MAX_ALERT_PAYLOAD_BYTES / 1024} KiB`);
    // Only the routing key is read here (JSON.parse itself does not recurse, however deep the body):
    // the integration's ingest validates the rest, and logs what it refuses.
    let routingKey: unknown;
    try {
      routingKey = (JSON.parse(body.text) as { routing_key?: unknown }).routing_key;
    } catch {
      throw invalidPagerDutyEvent(400, "The body is not valid JSON");
    }
    if (typeof routingKey !== "string") throw invalidPagerDutyEvent(400, "routing_key is required");
    const received = await receiveAlertWebhook(routingKey, body.text, "pagerduty");
    if (!received) throw invalidPagerDutyEvent(404, "routing_key does not match a PagerDuty-compatible integration");
    return webhookResponse(received.source, received.outcome);
  },
  { ...RECEIVER_ROUTE, errorBody: pagerDutyError },
);
