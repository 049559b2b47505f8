import { rotateIntegrationKey } from "@/lib/alerts/integrations";
import { webhookUrl } from "@/lib/alerts/queries";
import { apiRoute, json, requireApiActor } from "@/lib/http/api";

/** Replaces the integration's key; the old webhook URL stops working at once. */
export const POST = apiRoute<{ ref: string }>(async (request, { ref }) => {
  const actor = await requireApiActor(request, "integration:manage");
  const integration = await rotateIntegrationKey(actor, ref);
  return json({ id: integration.id, key: integration.key, webhookUrl: webhookUrl(integration.key) });
});
