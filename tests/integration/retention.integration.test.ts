// Retention acts on the whole database, so this file runs on a scratch database of its own: its
// runs cannot touch other files' rows, nor theirs its lease.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { GET as payloadRoute } from "@/app/api/deliveries/[id]/payload/route";
import { ingestAlertDelivery, type TIngestIntegration } from "@/lib/alerts/ingest";
import { admitDelivery } from "@/lib/alerts/intake-rate";
import { createIntegration } from "@/lib/alerts/integrations";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { db } from "@/lib/db/prisma";
import { declareIncident, updateIncident } from "@/lib/incidents/service";
import { createPostmortem } from "@/lib/postmortems/service";
import { runRetentionOnce, type TRetentionReport } from "@/lib/retention/job";
import { retentionSettings } from "@/lib/retention/rules";
import { sliMinutesHorizon } from "@/lib/slo/sli-horizon";
import { parseServerEnv } from "@/lib/env/schema";
import { collectSliOnce } from "@/lib/slo/collector";
import { incidentSloImpacts, sloStatus } from "@/lib/slo/queries";
import { createSlo, recordSloImpact } from "@/lib/slo/service";
import { sumSliIntervals, type TSliInterval } from "@/lib/slo/sli-sums";
import { writeSliMinutes, type TSliMinute } from "@/lib/slo/sli-store";
import { createTestUserWithToken } from "@/lib/testing/factories";
import { createScratchDatabase } from "@/tests/scratch-database";
import { useDatabase } from "@/tests/use-database";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const settings = retentionSettings(parseServerEnv({}));
// On the hour, an hour ahead of the clock: incidents and their edits are in this run's past.
const NOW = new Date(Math.floor(Date.now() / HOUR) * HOUR + HOUR);
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let admin: TActor;
let viewerToken: string;
let integration: TIngestIntegration;
let report: TRetentionReport | null;

const params = <T>(value: T) => ({ params: Promise.resolve(value) });
const generic = (dedupKey: string, groupKey: string) =>
  JSON.stringify({ dedupKey, groupKey, status: "firing", title: `Retention ${dedupKey}`, severity: "critical" });
const deliveryOf = (id: bigint) => db().alertDelivery.findUnique({ where: { id } });

async function ingestAt(body: string, at: Date) {
  const outcome = await ingestAlertDelivery(integration, body, { now: at });
  const delivery = await db().alertDelivery.findFirstOrThrow({ where: { integrationId: integration.id, receivedAt: at }, select: { id: true } });
  return { outcome, id: delivery.id };
}

/** Minutes of [from, from + count) with counts that differ minute by minute, so a lost minute shows in any sum. */
const minutesFrom = (from: Date, count: number): TSliMinute[] =>
  Array.from({ length: count }, (_, index) => ({ minute: new Date(from.getTime() + index * MINUTE), good: 1_000 - (index % 7), total: 1_000 + (index % 5) }));

// The scenario, set up once and retained once at NOW (in batches of 50, so batching is exercised).
const deliveries = {} as Record<"oldRejected" | "recentRejected" | "oldAccepted" | "repeat" | "firstWithPostmortem" | "lastWithPostmortem" | "recentAccepted", bigint>;
const alertIds = {} as Record<"plain" | "withPostmortem", string>;
let slo: { id: string };
let oldIncident: { id: string };
let incidentHour: Date;
let sumsBefore: { intervals: TSliInterval[]; sums: Awaited<ReturnType<typeof sumSliIntervals>> };
let costBefore: Awaited<ReturnType<typeof incidentSloImpacts>>;
let statusBefore: Awaited<ReturnType<typeof sloStatus>>;

beforeAll(async () => {
  await useDatabase(await createScratchDatabase(inject("databaseUrl")));
  const admitted = await createTestUserWithToken("admin");
  admin = admitted.actor;
  viewerToken = (await createTestUserWithToken("viewer")).token;
  const [alertService, sloService] = await Promise.all([
    createService(admin, { name: "Payments", slug: "payments", ownerTeam: "Core", description: "" }),
    createService(admin, { name: "Checkout", slug: "checkout", ownerTeam: "Core", description: "" }),
  ]);
  integration = await createIntegration(admin, { name: "Monitoring", source: "generic", defaultServiceId: alertService.id, defaultSeverity: "SEV3" });

  // Alert deliveries: rejected ones on each side of 7 days, accepted ones on each side of 90.
  deliveries.oldRejected = (await ingestAt("{not json", ago(8 * DAY))).id;
  deliveries.recentRejected = (await ingestAt("{not json", ago(6 * DAY))).id;
  const plain = await ingestAt(generic("plain", "plain-group"), ago(95 * DAY));
  deliveries.oldAccepted = plain.id;
  deliveries.repeat = (await ingestAt(generic("plain", "plain-group"), ago(DAY))).id;
  deliveries.firstWithPostmortem = (await ingestAt(generic("reviewed", "reviewed-group"), ago(95 * DAY + HOUR))).id;
  deliveries.lastWithPostmortem = (await ingestAt(generic("reviewed", "reviewed-group"), ago(95 * DAY - 30 * MINUTE))).id;
  deliveries.recentAccepted = (await ingestAt(generic("recent", "recent-group"), ago(10 * DAY))).id;
  const alerts = await db().alert.findMany({ where: { integrationId: integration.id }, select: { id: true, dedupKey: true, incidentId: true } });
  alertIds.plain = alerts.find((alert) => alert.dedupKey === "plain")?.id as string;
  alertIds.withPostmortem = alerts.find((alert) => alert.dedupKey === "reviewed")?.id as string;
  const reviewedIncident = alerts.find((alert) => alert.dedupKey === "reviewed")?.incidentId as string;
  await updateIncident(admin, reviewedIncident, { status: "resolved" }, ago(94 * DAY));
  await createPostmortem(admin, reviewedIncident, "en", ago(93 * DAY));

  // SLI minutes of a 30-day SLO: six old hours around an old incident, two old hours where the
  // window it was charged to ends, and the last day.
  slo = await createSlo(admin, { serviceId: sloService.id, name: "availability", kind: "availability", objectivePercent: 99, window: "rolling_30d" });
  incidentHour = ago(150 * DAY);
  const windowEndHour = new Date(incidentHour.getTime() + 30 * DAY);
  await db().$transaction(
    async (tx) => {
      await writeSliMinutes(tx, slo.id, minutesFrom(new Date(incidentHour.getTime() - 2 * HOUR), 6 * 60));
      await writeSliMinutes(tx, slo.id, minutesFrom(new Date(windowEndHour.getTime() - HOUR), 2 * 60));
      await writeSliMinutes(tx, slo.id, minutesFrom(ago(DAY), 24 * 60));
    },
    { timeout: 60_000 },
  );
  const startedAt = new Date(incidentHour.getTime() + 37 * MINUTE);
  oldIncident = await declareIncident(admin, { title: "Checkout errors", severity: "SEV2", serviceIds: [sloService.id], summary: "", startedAt }, startedAt);
  await updateIncident(admin, oldIncident.id, { status: "monitoring" }, new Date(incidentHour.getTime() + 80 * MINUTE));
  await updateIncident(admin, oldIncident.id, { status: "resolved" }, new Date(incidentHour.getTime() + 2 * HOUR));

  // Whole hours only: over the old data, each side of the incident, where its window ends, and everything.
  const interval = (from: Date, hours: number) => ({ sloId: slo.id, from, to: new Date(from.getTime() + hours * HOUR) });
  const intervals = [
    interval(new Date(incidentHour.getTime() - 2 * HOUR), 6),
    interval(new Date(incidentHour.getTime() - 2 * HOUR), 2),
    interval(new Date(incidentHour.getTime() + 2 * HOUR), 2),
    interval(new Date(windowEndHour.getTime() - HOUR), 2),
    interval(ago(200 * DAY), 200 * 24),
  ];
  sumsBefore = { intervals, sums: await sumSliIntervals(intervals) };
  costBefore = await incidentSloImpacts(oldIncident.id, NOW);
  statusBefore = await sloStatus(slo.id, NOW);

  // Intake counters: a quiet minute long over, one still close, and minutes that refused deliveries 3 and 8 days ago.
  for (const [at, deliveriesInMinute] of [
    [ago(10 * MINUTE), 1],
    [ago(2 * MINUTE), 1],
    [ago(3 * DAY), 2],
    [ago(8 * DAY), 2],
  ] as const) {
    for (let count = 0; count < deliveriesInMinute; count++) await admitDelivery(integration.id, at, 1);
  }

  report = await runRetentionOnce({ now: NOW, settings, batch: 50 });
}, 120_000);

describe("alert deliveries", () => {
  it("deletes rejected deliveries older than 7 days and keeps younger ones", async () => {
    expect(report).toMatchObject({ rejectedDeliveriesDeleted: 1, complete: true });
    expect(await deliveryOf(deliveries.oldRejected)).toBeNull();
    expect(await deliveryOf(deliveries.recentRejected)).toMatchObject({ accepted: false, body: "{not json", bodyRemovedAt: null });
  });

  it("empties accepted payloads older than 90 days, keeping the rows and the alerts that point at them", async () => {
    expect(report?.payloadsRemoved).toBe(1);
    expect(await deliveryOf(deliveries.oldAccepted)).toMatchObject({ accepted: true, body: "", bodyRemovedAt: NOW, alertCount: 1 });
    const alert = await db().alert.findUniqueOrThrow({ where: { id: alertIds.plain } });
    expect(alert).toMatchObject({ firstDeliveryId: deliveries.oldAccepted, lastDeliveryId: deliveries.repeat, occurrences: 2 });
    expect(alert.incidentId).not.toBeNull();
    expect((await deliveryOf(deliveries.repeat))?.body).toContain('"dedupKey":"plain"');
    expect((await deliveryOf(deliveries.recentAccepted))?.bodyRemovedAt).toBeNull();
  });

  it("keeps the payloads of alerts in an incident with a postmortem, first and latest", async () => {
    for (const id of [deliveries.firstWithPostmortem, deliveries.lastWithPostmortem])
      expect(await deliveryOf(id)).toMatchObject({ bodyRemovedAt: null, body: expect.stringContaining('"dedupKey":"reviewed"') });
    expect(await db().alert.findUnique({ where: { id: alertIds.withPostmortem } })).toMatchObject({
      firstDeliveryId: deliveries.firstWithPostmortem,
      lastDeliveryId: deliveries.lastWithPostmortem,
    });
  });

  it("answers 410 for a removed payload, saying why in the reader's language", async () => {
    const read = (language: string) =>
      payloadRoute(
        new Request(`http://localhost/api/deliveries/${deliveries.oldAccepted}/payload`, {
          headers: { authorization: `Bearer ${viewerToken}`, "accept-language": language },
        }),
        params({ id: deliveries.oldAccepted.toString() }),
      );
    const english = await read("en-GB");
    expect(english.status).toBe(410);
    expect(await english.text()).toMatch(/removed by retention on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    const japanese = await read("ja-JP,ja;q=0.9");
    expect(japanese.status).toBe(410);
    expect(await japanese.text()).toMatch(/保持期間.*削除されました/);
  });

  it("forgets quiet intake minutes once over, and minutes that refused deliveries with the rejected deliveries", async () => {
    const kept = await db().intakeMinute.findMany({ where: { integrationId: integration.id }, orderBy: { minute: "asc" } });
    const minute = (at: Date) => new Date(Math.floor(at.getTime() / MINUTE) * MINUTE);
    expect(kept.map((row) => ({ minute: row.minute, refused: row.refused }))).toEqual([
      { minute: minute(ago(3 * DAY)), refused: 1 },
      { minute: minute(ago(2 * MINUTE)), refused: 0 },
    ]);
  });
});

describe("SLI minutes", () => {
  it("deletes the minutes beyond the horizon except the hours an old incident's cost reads", async () => {
    const horizon = sliMinutesHorizon("rolling_30d", "UTC", NOW, 2);
    const old = await db().sliBucket.findMany({ where: { sloId: slo.id, minute: { lt: horizon } }, select: { minute: true } });
    const hours = [...new Set(old.map((row) => Math.floor(row.minute.getTime() / HOUR) * HOUR))].sort();
    // The hours the incident started and was mitigated in, and where the 30-day window it was charged to ends.
    const startHour = incidentHour.getTime();
    expect(hours).toEqual([startHour, startHour + HOUR, startHour + 30 * DAY]);
    expect(old).toHaveLength(3 * 60);
    expect(report?.sliMinutesDeleted).toBe(5 * 60);
    // The hourly rollup keeps every hour.
    expect(await db().sliHour.count({ where: { sloId: slo.id, hour: { lt: horizon } } })).toBe(8);
    expect(await db().sliBucket.count({ where: { sloId: slo.id, minute: { gte: horizon } } })).toBe(24 * 60);
  });

  it("leaves the sums of whole hours, the incident's budget cost and the SLO's status unchanged", async () => {
    expect(await sumSliIntervals(sumsBefore.intervals)).toEqual(sumsBefore.sums);
    expect(sumsBefore.sums[0]?.total).toBeGreaterThan(0);
    expect(await incidentSloImpacts(oldIncident.id, NOW)).toEqual(costBefore);
    expect(costBefore[0]?.badEvents).toBeGreaterThan(0);
    expect(await sloStatus(slo.id, NOW)).toEqual(statusBefore);
  });
});

describe("the retention job", () => {
  it("runs once when two processes offer to run it at the same moment, and again ten minutes later", async () => {
    const later = new Date(NOW.getTime() + DAY);
    const runs = await Promise.all([runRetentionOnce({ now: later, settings }), runRetentionOnce({ now: later, settings })]);
    expect(runs.filter((run) => run !== null)).toHaveLength(1);
    expect(await runRetentionOnce({ now: new Date(later.getTime() + 5 * MINUTE), settings })).toBeNull();
    expect(await runRetentionOnce({ now: new Date(later.getTime() + 10 * MINUTE), settings })).not.toBeNull();
  });

  it("lets an incident-measured SLO recount hours whose minutes were deleted without losing their sums", async () => {
    const service = await createService(admin, { name: "Search", slug: "search", ownerTeam: "Core", description: "" });
    const uptime = await createSlo(admin, { serviceId: service.id, name: "uptime", kind: "availability", objectivePercent: 99, window: "rolling_7d", source: "incidents" });
    const at = new Date(NOW.getTime() + 2 * DAY);
    const counted = new Date(at.getTime() - 70 * DAY);
    await collectSliOnce({ now: counted, sloIds: [uptime.id] });
    expect(await runRetentionOnce({ now: at, settings })).not.toBeNull();
    const outageHour = new Date(counted.getTime() - 3 * DAY);
    expect(await db().sliBucket.count({ where: { sloId: uptime.id, minute: { gte: outageHour, lt: new Date(outageHour.getTime() + HOUR) } } })).toBe(0);

    // An old outage linked today: its minutes are counted again, from its start.
    const startedAt = new Date(outageHour.getTime() + 37 * MINUTE);
    const outage = await declareIncident(admin, { title: "Search down", severity: "SEV1", serviceIds: [], summary: "", startedAt }, startedAt);
    await updateIncident(admin, outage.id, { status: "monitoring" }, new Date(outageHour.getTime() + 80 * MINUTE));
    await recordSloImpact(admin, outage.id, { sloId: uptime.id, impact: "full_outage" }, at);
    await collectSliOnce({ now: at, sloIds: [uptime.id] });

    const [startHour, mitigationHour] = await sumSliIntervals([
      { sloId: uptime.id, from: outageHour, to: new Date(outageHour.getTime() + HOUR) },
      { sloId: uptime.id, from: new Date(outageHour.getTime() + HOUR), to: new Date(outageHour.getTime() + 2 * HOUR) },
    ]);
    // Down from :37 to 1:20 of the next hour; every minute of both hours counted.
    expect(startHour).toEqual({ good: 37, total: 60 });
    expect(mitigationHour).toEqual({ good: 40, total: 60 });
  }, 120_000);
});
