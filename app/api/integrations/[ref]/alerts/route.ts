import { MAX_ALERT_PAYLOAD_BYTES } from "@/lib/alerts/deliveries";
import { receiveAlertWebhook } from "@/lib/alerts/receive";
import { RECEIVER_ROUTE, unknownIntegration, webhookResponse } from "@/lib/alerts/webhook-response";
import { apiRoute } from "@/lib/http/api";
import { readBodyCapped } from "@/lib/http/body";

/** Webhook receiver: the integration key in the URL is the credential (senders that cannot set headers). */
export const POST = apiRoute<{ ref: string }>(async (request, { ref: key }) => {
  const received = await receiveAlertWebhook(key, (await readBodyCapped(request, MAX_ALERT_PAYLOAD_BYTES)).text);
  if (!received) throw unknownIntegration();
  return webhookResponse(received.source, received.outcome);
}, RECEIVER_ROUTE);
