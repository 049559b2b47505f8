import { RECEIVER_BODY_LIMIT, receivePagerDutyEvent } from "@/lib/alerts/receivers";
import { PAGERDUTY_ROUTE } from "@/lib/alerts/webhook-response";
import { apiRoute, json } from "@/lib/http/api";
import { readBodyCapped } from "@/lib/http/body";

/**
 * PagerDuty Events API v2, unchanged: point a PagerDuty sender's events URL here, with the integration
 * key as routing_key. The server answers it without Next (lib/alerts/plain-receivers.ts).
 */
export const POST = apiRoute(async (request) => {
  const answer = await receivePagerDutyEvent(await readBodyCapped(request, RECEIVER_BODY_LIMIT));
  return json(answer.body, answer.status);
}, PAGERDUTY_ROUTE);
