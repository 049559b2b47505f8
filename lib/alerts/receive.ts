import { db } from "@/lib/db/prisma";
import type { AlertSource } from "@/lib/generated/prisma/enums";
import { ingestAlertDelivery, type TIngestOutcome } from "./ingest";

/** The integration a webhook key belongs to; deleted integrations and rotated keys match nothing. */
export function findIntegrationByKey(key: string) {
  if (!/^fbi_[A-Za-z0-9_-]{20,100}$/.test(key)) return Promise.resolve(null);
  return db().integration.findFirst({ where: { key, deletedAt: null } });
}

/**
 * Receives a webhook addressed by key: null when the key is unknown, or belongs to another kind of
 * source than the endpoint serves (nothing is stored then).
 */
export async function receiveAlertWebhook(key: string, rawBody: string, onlySource?: AlertSource): Promise<{ source: AlertSource; outcome: TIngestOutcome } | null> {
  const integration = await findIntegrationByKey(key);
  if (!integration || (onlySource && integration.source !== onlySource)) return null;
  return { source: integration.source, outcome: await ingestAlertDelivery(integration, rawBody) };
}
