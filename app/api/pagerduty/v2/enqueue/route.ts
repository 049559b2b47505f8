import { MAX_ALERT_PAYLOAD_BYTES } from "@/lib/alerts/deliveries";
import { receiveAlertWebhook } from "@/lib/alerts/receive";
import { webhookResponse } from "@/lib/alerts/webhook-response";
import { readBodyCapped } from "@/lib/http/body";

const invalid = (status: number, error: string) => Response.json({ status: "invalid event", message: "Event object is invalid", errors: [error] }, { status });

/** PagerDuty Events API v2, unchanged: point a PagerDuty sender's events URL here, with the integration key as routing_key. */
export async function POST(request: Request) {
  const body = await readBodyCapped(request, MAX_ALERT_PAYLOAD_BYTES);
  let routingKey: unknown;
  try {
    routingKey = (JSON.parse(body) as { routing_key?: unknown }).routing_key;
  } catch {
    return invalid(400, "The body is not valid JSON");
  }
  if (typeof routingKey !== "string") return invalid(400, "routing_key is required");
  const received = await receiveAlertWebhook(routingKey, body, "pagerduty");
  if (!received) return invalid(404, "routing_key does not match a PagerDuty-compatible integration");
  return webhookResponse(received.source, received.outcome);
}
