import { deleteIntegration, updateIntegration } from "@/lib/alerts/integrations";
import { intakeRefusals, listRecentDeliveries, webhookUrl } from "@/lib/alerts/queries";
import { ZIntegrationUpdate } from "@/lib/alerts/schema";
import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";

export const GET = apiRoute<{ ref: string }>(async (request, { ref }) => {
  await requireApiActor(request, "integration:manage");
  const [deliveries, refusedForRate] = await Promise.all([listRecentDeliveries(ref), intakeRefusals(ref)]);
  return json({ deliveries, refusedForRate });
});

export const PATCH = apiRoute<{ ref: string }>(async (request, { ref }) => {
  const actor = await requireApiActor(request, "integration:manage");
  const integration = await updateIntegration(actor, ref, await readJson(request, ZIntegrationUpdate));
  return json({ ...integration, webhookUrl: webhookUrl(integration.key) });
});

export const DELETE = apiRoute<{ ref: string }>(async (request, { ref }) => {
  const actor = await requireApiActor(request, "integration:manage");
  await deleteIntegration(actor, ref);
  return json({ deleted: ref });
});
