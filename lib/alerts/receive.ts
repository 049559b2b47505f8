import { poolSql } from "@/lib/db/sql";
import type { AlertSource } from "@/lib/generated/prisma/enums";
import { recordAlertDelivery, recordAlertIntakeError, recordUnknownIntegrationDelivery } from "@/lib/metrics/record";
import { cachedIntegrationByKey } from "./integration-cache";
import { ingestAlertDelivery, type TIngestIntegration, type TIngestOptions, type TIngestOutcome } from "./ingest";
import { admitDelivery, intakeLimitPerMinute } from "./intake-rate";

/**
 * The live integrations (not deleted) with this key, this id, or of Firebreak's own SLO source.
 * Through the pg driver: the lookup by key runs on every webhook (decision 026).
 */
function liveIntegrations(by: { key: string } | { id: string } | { source: "slo" }): Promise<TIngestIntegration[]> {
  const key = "key" in by ? by.key : null;
  const id = "id" in by ? by.id : null;
  return poolSql()<TIngestIntegration>`
    SELECT "id", "name", "source"::text AS "source", "defaultServiceId", "defaultSeverity"::text AS "defaultSeverity", "severityMap",
      "openIncidentAtOrAbove"::text AS "openIncidentAtOrAbove", "minOccurrences", "groupWindowMinutes", "autoMonitorOnResolve", "commanderId", "snsTopicArns"
    FROM "Integration"
    WHERE "deletedAt" IS NULL AND (${key}::text IS NULL OR "key" = ${key}) AND (${id}::text IS NULL OR "id" = ${id}) AND (${"source" in by} = false OR "source" = 'slo')
    ORDER BY "createdAt"`;
}

/**
 * The integration a webhook key belongs to; deleted integrations and rotated keys match nothing
 * (kept in memory between changes, lib/alerts/integration-cache.ts).
 */
export async function findIntegrationByKey(key: string): Promise<TIngestIntegration | null> {
  if (!/^fbi_[A-Za-z0-9_-]{20,100}$/.test(key)) return null;
  return cachedIntegrationByKey(key, async (wanted) => (await liveIntegrations({ key: wanted }))[0] ?? null);
}

/** The integrations Firebreak's own SLO burn-rate alerts are delivered through. */
export const findSloIntegrations = () => liveIntegrations({ source: "slo" });

/** A live integration by id, for Firebreak's own senders (heartbeats); null once deleted. */
export async function findIntegrationById(integrationId: string): Promise<TIngestIntegration | null> {
  return (await liveIntegrations({ id: integrationId }))[0] ?? null;
}

/**
 * Receives a webhook addressed by key: null when the key is unknown, or belongs to another kind of
 * source than the endpoint serves (nothing is stored then). A delivery over the integration's rate
 * (FIREBREAK_INTAKE_PER_MINUTE) is refused with 429 before it is parsed, and not stored: a flood of
 * payloads, valid or not, costs a counter update each, not disk. Every delivery is counted in the
 * intake metrics (lib/metrics), timed from here to its outcome.
 */
export async function receiveAlertWebhook(
  key: string,
  rawBody: string,
  onlySource?: AlertSource,
  options: TIngestOptions = {},
): Promise<{ source: AlertSource; outcome: TIngestOutcome } | null> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let source: string = onlySource ?? "unknown";
  try {
    const integration = await findIntegrationByKey(key);
    if (!integration || (onlySource && integration.source !== onlySource)) {
      recordUnknownIntegrationDelivery();
      return null;
    }
    source = integration.source;
    const outcome = await admitAndIngest(integration, rawBody, options);
    recordAlertDelivery(source, seconds(), outcome.accepted ? undefined : outcome.httpStatus);
    return { source: integration.source, outcome };
  } catch (error) {
    recordAlertIntakeError(source, seconds());
    throw error;
  }
}

async function admitAndIngest(integration: TIngestIntegration, rawBody: string, options: TIngestOptions): Promise<TIngestOutcome> {
  const now = options.now ?? new Date();
  const intake = await admitDelivery(integration.id, now, intakeLimitPerMinute());
  if (!intake.admitted) {
    // One line per integration and minute, however many deliveries the minute refuses.
    if (intake.firstRefusal)
      console.warn(`[alerts] ${integration.name} (${integration.source}): over ${intake.limit} deliveries this minute, refusing the rest with 429`);
    const reason = `This integration has received ${intake.limit} deliveries this minute, its limit; retry in ${intake.retryAfterSeconds} s`;
    return { accepted: false, httpStatus: 429, reason, retryAfterSeconds: intake.retryAfterSeconds };
  }
  return ingestAlertDelivery(integration, rawBody, { ...options, now });
}
