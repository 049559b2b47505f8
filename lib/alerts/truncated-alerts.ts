import type { TTransaction } from "@/lib/db/prisma";
import { appendTimelineEntries } from "@/lib/timeline/service";
import { SYSTEM_USER_ID } from "@/lib/users/system-user";
import type { TRoutingIntegration } from "./routing";
import type { TTruncatedGroup } from "./schema";

// A sender that leaves alerts out of a group (Alertmanager's max_alerts) hides part of an outage
// from the responders; the delivery log alone is not where they look, the incident's timeline is.

const lockKey = (integrationId: string, groupKey: string) => `alerts-truncated:${JSON.stringify([integrationId, groupKey])}`;

/**
 * Serialises recording one group's truncation, so that two copies of a delivery (Alertmanager in a
 * cluster sends from each peer) cannot both find its count new. Taken before routing's locks.
 */
export async function lockTruncatedGroup(tx: TTransaction, integrationId: string, truncated: TTruncatedGroup) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey(integrationId, truncated.groupKey)}, 0))`;
}

/**
 * Tells each incident the group's alerts belong to how many alerts the sender left out, when that
 * differs from what its timeline last said about the group: Alertmanager repeats a firing group on
 * every repeat interval, and the timeline should not repeat with it.
 */
export async function recordTruncatedAlerts(
  tx: TTransaction,
  integration: Pick<TRoutingIntegration, "id" | "name" | "source">,
  truncated: TTruncatedGroup,
  incidentIds: string[],
  now: Date,
) {
  if (incidentIds.length === 0) return;
  const earlier = await tx.$queryRaw<{ incidentId: string; count: number | null }[]>`
    SELECT DISTINCT ON ("incidentId") "incidentId", ("detail"->>'count')::int AS "count" FROM "TimelineEntry"
    WHERE "incidentId" = ANY(${incidentIds}::text[]) AND "kind" = 'alerts_truncated'
      AND "detail"->>'integrationId' = ${integration.id} AND "detail"->>'groupKey' = ${truncated.groupKey}
    ORDER BY "incidentId", "id" DESC`;
  const told = new Map(earlier.map((entry) => [entry.incidentId, entry.count]));
  const untold = [...new Set(incidentIds)].filter((incidentId) => told.get(incidentId) !== truncated.count).sort();
  await appendTimelineEntries(
    tx,
    untold.map((incidentId) => ({
      incidentId,
      kind: "alerts_truncated" as const,
      actorId: SYSTEM_USER_ID,
      occurredAt: now,
      detail: {
        integrationId: integration.id,
        integration: integration.name,
        source: integration.source,
        sender: truncated.sender,
        groupKey: truncated.groupKey,
        count: truncated.count,
      },
    })),
  );
}
