import { db } from "@/lib/db/prisma";
import type { Slo } from "@/lib/generated/prisma/client";
import { startPeriodicJob } from "@/lib/jobs/periodic";
import { raiseBurnRateAlerts } from "./burn-rate-alerts";
import { impactEnd, minutesFromOutages } from "./incident-minutes";
import { PrometheusError, pullSliMinutes } from "./prometheus";
import { writeSliMinutes } from "./sli-store";
import { sliDataStart, sloWindowContaining, windowEndAt } from "./windows";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Samples of the last minutes can arrive late (scrape interval, remote write): pull them again each run.
const REPULL_MINUTES = 5;
// An incident edited this close to the last run may not have been visible to it: recount it.
const RECOUNT_MARGIN_MS = 5 * MINUTE;
// Outages linked from longer ago than this are counted from here: a year of minutes at most.
const INCIDENT_HISTORY_MS = 400 * 24 * 60 * MINUTE;

type TClaimedSlo = Pick<Slo, "id" | "source" | "window" | "timeZone" | "prometheusUrl" | "prometheusGoodQuery" | "prometheusTotalQuery" | "collectedThrough">;

export type TCollectionResult = { sloId: string; minutes: number; error: string | null };

/**
 * Claims the SLOs due for collection; SKIP LOCKED and the lease let several app processes run
 * the collector without pulling one SLO twice.
 */
async function claimDueSlos(now: Date, leaseMs: number, sloIds: string[] | null): Promise<TClaimedSlo[]> {
  return db().$queryRaw<TClaimedSlo[]>`
    UPDATE "Slo" SET "collectLeaseUntil" = ${new Date(now.getTime() + leaseMs)}
    WHERE "id" IN (
      SELECT "id" FROM "Slo" WHERE "source" <> 'push' AND ("collectLeaseUntil" IS NULL OR "collectLeaseUntil" <= ${now})
        AND (${sloIds}::text[] IS NULL OR "id" = ANY(${sloIds}::text[]))
      ORDER BY "collectedThrough" NULLS FIRST FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "source"::text AS "source", "window"::text AS "window", "timeZone", "prometheusUrl", "prometheusGoodQuery", "prometheusTotalQuery",
              "collectedThrough"`;
}

/**
 * Complete minutes from where the SLO's data stops (or where its numbers start reading: its window,
 * or 7 days back when that is earlier) up to the last complete minute, where status windows end too.
 */
async function collectRange(slo: TClaimedSlo, now: Date): Promise<{ from: Date; to: Date }> {
  const to = windowEndAt(now);
  const dataStart = sliDataStart(slo.window, slo.timeZone, to);
  if (slo.source === "incidents") return { from: await incidentRecountStart(slo, dataStart, now), to };
  if (!slo.collectedThrough || slo.collectedThrough < dataStart) return { from: dataStart, to };
  return { from: new Date(Math.max(dataStart.getTime(), slo.collectedThrough.getTime() - REPULL_MINUTES * MINUTE)), to };
}

/**
 * Incident-measured SLOs count on from the last run, and recount from the start of any linked
 * outage edited since then. An outage is charged to the window that contained it, so when it lies
 * before every minute counted so far (an old incident linked today), that whole window is counted.
 * A recount starts at the top of an hour.
 */
async function incidentRecountStart(slo: TClaimedSlo, dataStart: Date, now: Date): Promise<Date> {
  const countedThrough = slo.collectedThrough && slo.collectedThrough > dataStart ? slo.collectedThrough : dataStart;
  const editedSince = slo.collectedThrough ? new Date(slo.collectedThrough.getTime() - RECOUNT_MARGIN_MS) : new Date(0);
  const [edited] = await db().$queryRaw<{ from: Date | null; counted: Date | null }[]>`
    SELECT (SELECT min(i."startedAt") FROM "IncidentSloImpact" l JOIN "Incident" i ON i."id" = l."incidentId"
             WHERE l."sloId" = ${slo.id} AND l."impact" = 'full_outage' AND i."updatedAt" >= ${editedSince}) AS "from",
           (SELECT min("hour") FROM "SliHour" WHERE "sloId" = ${slo.id}) AS "counted"`;
  if (!edited?.from) return countedThrough;
  const outageStart = new Date(Math.max(edited.from.getTime(), now.getTime() - INCIDENT_HISTORY_MS));
  const itsWindowStart = sloWindowContaining(slo.window, slo.timeZone, outageStart, now).start;
  const earliestCounted = edited.counted ?? countedThrough;
  const from = itsWindowStart < earliestCounted ? itsWindowStart : outageStart;
  // Whole hours: an hour's sum is rewritten from the minutes it holds, and retention may have
  // deleted the old minutes before `from` in its hour (lib/slo/sli-retention.ts).
  return new Date(Math.floor(Math.min(from.getTime(), countedThrough.getTime()) / HOUR) * HOUR);
}

async function outagesOf(sloId: string) {
  const links = await db().incidentSloImpact.findMany({
    where: { sloId, impact: "full_outage" },
    select: { incident: { select: { startedAt: true, mitigatedAt: true, resolvedAt: true } } },
  });
  return links.map(({ incident }) => ({ startedAt: incident.startedAt, endedAt: impactEnd(incident) }));
}

async function collectOne(slo: TClaimedSlo, now: Date): Promise<TCollectionResult> {
  const { from, to } = await collectRange(slo, now);
  try {
    const minutes =
      slo.source === "prometheus"
        ? await pullSliMinutes(
            { url: slo.prometheusUrl as string, goodQuery: slo.prometheusGoodQuery as string, totalQuery: slo.prometheusTotalQuery as string },
            from,
            to,
          )
        : minutesFromOutages(from, to, await outagesOf(slo.id));
    await db().$transaction(
      async (tx) => {
        await writeSliMinutes(tx, slo.id, minutes);
        await tx.slo.update({ where: { id: slo.id }, data: { collectedThrough: to, collectError: "", collectErrorAt: null } });
      },
      { timeout: 60_000 },
    );
    return { sloId: slo.id, minutes: minutes.length, error: null };
  } catch (error) {
    // A failing source shows on the SLO and is tried again next run; collection resumes where it stopped, so the gap is backfilled.
    const message = error instanceof PrometheusError ? error.message : `Collection failed: ${error instanceof Error ? error.message : String(error)}`;
    console.warn(`[slo] ${slo.id}: ${message}`);
    await db().slo.update({ where: { id: slo.id }, data: { collectError: message.slice(0, 1_000), collectErrorAt: now } });
    return { sloId: slo.id, minutes: 0, error: message };
  }
}

export type TCollectorRun = { now?: Date; leaseMs?: number; /** only these SLOs (all when absent) */ sloIds?: string[] };

/** One collector run: pull or count every due SLO, then raise or resolve burn-rate alerts. */
export async function collectSliOnce({ now = new Date(), leaseMs = 55_000, sloIds }: TCollectorRun = {}): Promise<TCollectionResult[]> {
  const due = await claimDueSlos(now, leaseMs, sloIds ?? null);
  const results: TCollectionResult[] = [];
  for (const slo of due) results.push(await collectOne(slo, now));
  await raiseBurnRateAlerts(now, sloIds);
  return results;
}

/** Runs the collector every `intervalMs` in this process; overlapping runs are skipped. Returns a stop function. */
export const startSliCollector = (intervalMs = 60_000) => startPeriodicJob({ name: "slo", everyMs: intervalMs, runAtStart: true, run: () => collectSliOnce() });

export type TCollectorLag = { sloId: string; slo: string; service: string; seconds: number };

/**
 * How far behind the collector is, per SLO it collects (Prometheus- or incident-measured): seconds
 * from the end of the last minute collected, or from the SLO's creation before its first collection,
 * to `now`. Read from the database, so every process reports what all of them together achieved.
 */
export async function collectorLags(now = new Date()): Promise<TCollectorLag[]> {
  const rows = await db().$queryRaw<{ sloId: string; slo: string; service: string; since: Date }[]>`
    SELECT s."id" AS "sloId", s."name" AS "slo", v."slug" AS "service", COALESCE(s."collectedThrough", s."createdAt") AS "since"
    FROM "Slo" s JOIN "Service" v ON v."id" = s."serviceId" WHERE s."source" <> 'push'`;
  return rows.map(({ since, ...slo }) => ({ ...slo, seconds: Math.max(0, (now.getTime() - since.getTime()) / 1000) }));
}
