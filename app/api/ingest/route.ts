import { MAX_ALERT_PAYLOAD_BYTES } from "@/lib/alerts/deliveries";
import { receiveAlertWebhook } from "@/lib/alerts/receive";
import { RECEIVER_ROUTE, unknownIntegration, webhookResponse } from "@/lib/alerts/webhook-response";
import { bearerToken } from "@/lib/auth/api-token";
import { DomainError } from "@/lib/errors";
import { apiRoute } from "@/lib/http/api";
import { readBodyCapped } from "@/lib/http/body";

/** Webhook receiver for senders that can set headers: `Authorization: Bearer <integration key>`. */
export const POST = apiRoute(async (request) => {
  const key = bearerToken(request.headers.get("authorization"));
  if (!key) throw new DomainError(401, "unauthenticated", "Send Authorization: Bearer <integration key>");
  const received = await receiveAlertWebhook(key, (await readBodyCapped(request, MAX_ALERT_PAYLOAD_BYTES)).text);
  if (!received) throw unknownIntegration();
  return webhookResponse(received.source, received.outcome);
}, RECEIVER_ROUTE);
