import { MAX_ALERT_PAYLOAD_BYTES } from "@/lib/alerts/deliveries";
import { receiveAlertWebhook } from "@/lib/alerts/receive";
import { unknownIntegrationResponse, webhookResponse } from "@/lib/alerts/webhook-response";
import { readBodyCapped } from "@/lib/http/body";

/** Webhook receiver: the integration key in the URL is the credential (senders that cannot set headers). */
export async function POST(request: Request, context: { params: Promise<{ ref: string }> }) {
  const { ref: key } = await context.params;
  const received = await receiveAlertWebhook(key, await readBodyCapped(request, MAX_ALERT_PAYLOAD_BYTES));
  return received ? webhookResponse(received.source, received.outcome) : unknownIntegrationResponse();
}
