import { RECEIVER_BODY_LIMIT, receivePathWebhook } from "@/lib/alerts/receivers";
import { RECEIVER_ROUTE } from "@/lib/alerts/webhook-response";
import { apiRoute, json } from "@/lib/http/api";
import { readBodyCapped } from "@/lib/http/body";

/** Webhook receiver: the integration key in the URL is the credential. The server answers it without Next (lib/alerts/plain-receivers.ts). */
export const POST = apiRoute<{ ref: string }>(async (request, { ref: key }) => {
  const answer = await receivePathWebhook(key, await readBodyCapped(request, RECEIVER_BODY_LIMIT));
  return json(answer.body, answer.status);
}, RECEIVER_ROUTE);
