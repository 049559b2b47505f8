import { RECEIVER_BODY_LIMIT, receiveBearerWebhook } from "@/lib/alerts/receivers";
import { RECEIVER_ROUTE } from "@/lib/alerts/webhook-response";
import { apiRoute, json } from "@/lib/http/api";
import { readBodyCapped } from "@/lib/http/body";

/** Webhook receiver for senders that can set headers: `Authorization: Bearer <integration key>`. The server answers it without Next (lib/alerts/plain-receivers.ts). */
export const POST = apiRoute(async (request) => {
  const answer = await receiveBearerWebhook(request.headers.get("authorization"), await readBodyCapped(request, RECEIVER_BODY_LIMIT));
  return json(answer.body, answer.status);
}, RECEIVER_ROUTE);
