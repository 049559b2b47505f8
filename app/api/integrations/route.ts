import { createIntegration } from "@/lib/alerts/integrations";
import { listIntegrations, webhookUrl } from "@/lib/alerts/queries";
import { ZIntegrationCreate } from "@/lib/alerts/schema";
import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";

export const GET = apiRoute(async (request) => {
  await requireApiActor(request, "integration:manage");
  return json({ integrations: await listIntegrations() });
});

export const POST = apiRoute(async (request) => {
  const actor = await requireApiActor(request, "integration:manage");
  const integration = await createIntegration(actor, await readJson(request, ZIntegrationCreate));
  return json({ ...integration, webhookUrl: webhookUrl(integration.key) }, 201);
});
