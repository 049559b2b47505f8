import { bearerToken } from "@/lib/auth/api-token";
import { MAX_ALERT_PAYLOAD_BYTES } from "@/lib/alerts/deliveries";
import { receiveAlertWebhook } from "@/lib/alerts/receive";
import { unknownIntegrationResponse, webhookResponse } from "@/lib/alerts/webhook-response";
import { readBodyCapped } from "@/lib/http/body";

/** Webhook receiver for senders that can set headers: `Authorization: Bearer <integration key>`. */
export async function POST(request: Request) {
  const key = bearerToken(request.headers.get("authorization"));
  if (!key) return Response.json({ error: "unauthenticated", message: "Send Authorization: Bearer <integration key>" }, { status: 401 });
  const received = await receiveAlertWebhook(key, await readBodyCapped(request, MAX_ALERT_PAYLOAD_BYTES));
  return received ? webhookResponse(received.source, received.outcome) : unknownIntegrationResponse();
}
