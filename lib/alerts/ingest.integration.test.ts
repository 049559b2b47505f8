import { createSign, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { db } from "@/lib/db/prisma";
import { translator } from "@/lib/i18n/translate";
import { getIncidentRoom } from "@/lib/incidents/queries";
import { updateIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { describeTimelineEntry, describeTruncatedAlerts } from "@/lib/timeline/describe";
import { readTimelineEntry } from "@/lib/timeline/entry-details";
import { ingestAlertDelivery, type TIngestIntegration } from "./ingest";
import { createIntegration, updateIntegration } from "./integrations";
import type { TSnsEnvelope } from "./normalisers/cloudwatch";
import { snsStringToSign } from "./sns-signature";

const fixtureText = (name: string) => readFileSync(path.join(import.meta.dirname, "../../fixtures/alerts", name), "utf8");
const fixture = (name: string) => JSON.parse(fixtureText(name));
const now = new Date("2026-11-23T08:30:00Z");

let admin: TActor;
let apiService: { id: string };

beforeAll(async () => {
  admin = await createTestUser("admin");
  apiService = await createService(admin, { name: `API ${Date.now()}`, slug: `api-${Date.now().toString(36)}`, ownerTeam: "Core", description: "" });
});

async function newIntegration(source: TIngestIntegration["source"], settings?: Parameters<typeof updateIntegration>[2]) {
  const integration = await createIntegration(admin, {
    name: `${source} ${Math.random().toString(36).slice(2, 8)}`,
    source,
    defaultServiceId: apiService.id,
    defaultSeverity: "SEV3",
  });
  return settings ? updateIntegration(admin, integration.id, settings) : integration;
}

/** The Alertmanager fixture with fingerprints unique to this test, so tests never share alerts. */
function alertmanagerPayload(name: string, tag: string) {
  const payload = fixture(name);
  for (const alert of payload.alerts) {
    alert.fingerprint = `${alert.fingerprint}-${tag}`;
    alert.labels.service = "not-a-known-service";
  }
  payload.groupKey = `${payload.groupKey}-${tag}`;
  return payload;
}

const counts = async (integrationId: string) => ({
  deliveries: await db().alertDelivery.count({ where: { integrationId } }),
  alerts: await db().alert.count({ where: { integrationId } }),
  incidents: (await db().alert.findMany({ where: { integrationId }, distinct: ["incidentId"], select: { incidentId: true } })).filter((row) => row.incidentId)
    .length,
});

describe("from alerts to incidents", () => {
  it("opens one incident for a firing group and records every alert on its timeline", async () => {
    const integration = await newIntegration("alertmanager");
    const outcome = await ingestAlertDelivery(integration, JSON.stringify(alertmanagerPayload("alertmanager-0.25-group-firing.json", "open")), { now });
    expect(outcome).toMatchObject({ accepted: true, httpStatus: 202, alerts: 2, firing: 2 });
    const alerts = await db().alert.findMany({ where: { integrationId: integration.id }, include: { incident: { include: { timeline: true, roles: true } } } });
    expect(new Set(alerts.map((alert) => alert.incidentId)).size).toBe(1);
    const incident = alerts[0]?.incident;
    expect(incident).toMatchObject({ title: "APILatencyHigh: p99 latency above 800ms", severity: "SEV4", status: "declared" });
    expect(incident?.roles).toMatchObject([{ role: "commander", userId: admin.id }]);
    expect(incident?.timeline.map((entry) => entry.kind).sort()).toEqual(["alert_attached", "alert_attached", "declared", "role_assigned"]);
    // The unknown `service` label falls back to the integration's default service.
    expect(alerts.every((alert) => alert.serviceId === apiService.id)).toBe(true);
  });

  it("treats a repeat as the same alert, and resolves each alert on its own", async () => {
    const integration = await newIntegration("alertmanager", { autoMonitorOnResolve: true });
    const firing = JSON.stringify(alertmanagerPayload("alertmanager-0.25-group-firing.json", "repeat"));
    await ingestAlertDelivery(integration, firing, { now });
    const again = await ingestAlertDelivery(integration, firing, { now: new Date(now.getTime() + 60_000) });
    expect(again).toMatchObject({ accepted: true, firing: 2 });
    expect(await counts(integration.id)).toEqual({ deliveries: 2, alerts: 2, incidents: 1 });
    expect((await db().alert.findMany({ where: { integrationId: integration.id } })).map((alert) => alert.occurrences)).toEqual([2, 2]);

    await ingestAlertDelivery(integration, JSON.stringify(alertmanagerPayload("alertmanager-0.25-group-partly-resolved.json", "repeat")), {
      now: new Date(now.getTime() + 120_000),
    });
    const statuses = await db().alert.findMany({
      where: { integrationId: integration.id },
      orderBy: { dedupKey: "asc" },
      select: { dedupKey: true, status: true, incidentId: true },
    });
    expect(statuses.map((alert) => [alert.dedupKey.split("-")[0], alert.status])).toEqual([
      ["71acc1cf632c83ff", "firing"],
      ["ca3126066f0f6d46", "resolved"],
    ]);
    const incidentId = statuses[0]?.incidentId as string;
    // One alert is still firing: the incident stays where it is.
    expect((await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).status).toBe("declared");

    const allResolved = alertmanagerPayload("alertmanager-0.25-group-partly-resolved.json", "repeat");
    allResolved.alerts[1].status = "resolved";
    allResolved.alerts[1].endsAt = "2026-11-23T08:27:00Z";
    await ingestAlertDelivery(integration, JSON.stringify(allResolved), { now: new Date(now.getTime() + 180_000) });
    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId }, include: { timeline: { orderBy: { id: "asc" } } } });
    expect(incident.status).toBe("monitoring");
    expect(incident.resolvedAt).toBeNull();
    expect(incident.timeline.map((entry) => entry.kind).filter((kind) => kind === "alert_resolved")).toHaveLength(2);
  });

  it("never moves an incident on its own unless the integration says so", async () => {
    const integration = await newIntegration("alertmanager");
    await ingestAlertDelivery(integration, JSON.stringify(alertmanagerPayload("alertmanager-0.25-group-firing.json", "manual")), { now });
    const resolvedAll = alertmanagerPayload("alertmanager-0.25-group-firing.json", "manual");
    for (const alert of resolvedAll.alerts) Object.assign(alert, { status: "resolved", endsAt: "2026-11-23T08:29:00Z" });
    await ingestAlertDelivery(integration, JSON.stringify(resolvedAll), { now: new Date(now.getTime() + 60_000) });
    const alert = await db().alert.findFirstOrThrow({ where: { integrationId: integration.id }, include: { incident: true } });
    expect(alert.incident?.status).toBe("declared");
  });

  it("joins a new alert of the same group to the open incident, and opens a new one once that is resolved", async () => {
    const integration = await newIntegration("generic");
    const alert = (dedupKey: string) =>
      JSON.stringify({ dedupKey, status: "firing", title: `Disk full ${dedupKey}`, severity: "critical", groupKey: `disk-${integration.id}` });
    await ingestAlertDelivery(integration, alert("a"), { now });
    await ingestAlertDelivery(integration, alert("b"), { now: new Date(now.getTime() + 60_000) });
    expect((await counts(integration.id)).incidents).toBe(1);
    const [first] = await db().alert.findMany({ where: { integrationId: integration.id } });
    await updateIncident(admin, first?.incidentId as string, { status: "resolved" });
    await ingestAlertDelivery(integration, alert("c"), { now: new Date(now.getTime() + 120_000) });
    expect((await counts(integration.id)).incidents).toBe(2);
  });

  it("records milder alerts without opening an incident, and honours the occurrence threshold", async () => {
    const integration = await newIntegration("generic", { openIncidentAtOrAbove: "SEV2", minOccurrences: 2 });
    const body = (severity: string, dedupKey: string) => JSON.stringify({ dedupKey, status: "firing", title: "Queue lag", severity, groupKey: dedupKey });
    await ingestAlertDelivery(integration, body("warning", "mild"), { now });
    expect((await db().alert.findFirstOrThrow({ where: { integrationId: integration.id, dedupKey: "mild" } })).incidentId).toBeNull();
    await ingestAlertDelivery(integration, body("critical", "loud"), { now });
    expect((await db().alert.findFirstOrThrow({ where: { integrationId: integration.id, dedupKey: "loud" } })).incidentId).toBeNull();
    await ingestAlertDelivery(integration, body("critical", "loud"), { now: new Date(now.getTime() + 60_000) });
    const loud = await db().alert.findFirstOrThrow({ where: { integrationId: integration.id, dedupKey: "loud" }, include: { incident: true } });
    expect(loud.incident?.severity).toBe("SEV2");
  });
});

describe("a group the sender truncated (Alertmanager max_alerts)", () => {
  const truncatedEntries = (incidentId: string) =>
    db().timelineEntry.findMany({
      where: { incidentId, kind: "alerts_truncated" },
      orderBy: { id: "asc" },
      select: { id: true, kind: true, detail: true, occurredAt: true },
    });

  it("puts what Alertmanager left out on the incident's timeline, once per count, and the room warns with the latest", async () => {
    const integration = await newIntegration("alertmanager");
    const truncated = alertmanagerPayload("alertmanager-0.25-group-truncated.json", "truncated");
    const opened = await ingestAlertDelivery(integration, JSON.stringify(truncated), { now });
    expect(opened).toMatchObject({ accepted: true, firing: 2, incidents: [expect.stringMatching(/^INC-/)] });
    const incidentId = (await db().alert.findFirstOrThrow({ where: { integrationId: integration.id } })).incidentId as string;
    const [entry] = await truncatedEntries(incidentId);
    expect(entry).toMatchObject({
      occurredAt: now,
      detail: { sender: "Alertmanager", groupKey: truncated.groupKey, count: 15, integration: integration.name },
    });
    if (!entry) throw new Error("no alerts_truncated entry");
    const stored = readTimelineEntry(entry);
    expect(describeTimelineEntry(stored, translator("en"), "en")).toBe(
      `noted that Alertmanager left out 15 alerts of group ${truncated.groupKey}: raise max_alerts`,
    );
    expect(describeTimelineEntry(stored, translator("ja"), "ja")).toBe(
      `Alertmanager がグループ ${truncated.groupKey} のアラート 15 件を省略したことを記録（max_alerts を増やしてください）`,
    );
    // The delivery log keeps its note too.
    expect((await db().alertDelivery.findFirstOrThrow({ where: { integrationId: integration.id } })).reason).toMatch(/left out 15 alert/);

    // Repeated on the repeat interval with the same count: the timeline does not repeat it.
    const later = new Date(now.getTime() + 4 * 60 * 60_000);
    await ingestAlertDelivery(integration, JSON.stringify(truncated), { now: later });
    expect(await truncatedEntries(incidentId)).toHaveLength(1);

    const grown = alertmanagerPayload("alertmanager-0.25-group-truncated-grown.json", "truncated");
    await ingestAlertDelivery(integration, JSON.stringify(grown), { now: later });
    expect((await truncatedEntries(incidentId)).map((candidate) => (candidate.detail as { count: number }).count)).toEqual([15, 20]);

    const room = await getIncidentRoom(incidentId);
    expect(
      room?.alertTruncations.map((candidate) =>
        describeTruncatedAlerts(candidate.detail, translator("en"), "room.alertsTruncated", "room.alertsTruncated_one"),
      ),
    ).toEqual([
      `Alertmanager left out 20 alerts of group ${truncated.groupKey} (the latest count): raise max_alerts in its webhook receiver to see them all here.`,
    ]);
  });

  it("records it once when copies of the delivery arrive at once, and not at all for a group that was not truncated", async () => {
    const integration = await newIntegration("alertmanager");
    const body = JSON.stringify(alertmanagerPayload("alertmanager-0.25-group-truncated.json", "copies"));
    await Promise.all(Array.from({ length: 10 }, () => ingestAlertDelivery(integration, body, { now })));
    const incidentId = (await db().alert.findFirstOrThrow({ where: { integrationId: integration.id } })).incidentId as string;
    expect(await truncatedEntries(incidentId)).toHaveLength(1);

    const whole = await newIntegration("alertmanager");
    await ingestAlertDelivery(whole, JSON.stringify(alertmanagerPayload("alertmanager-0.25-group-firing.json", "whole")), { now });
    const wholeIncident = (await db().alert.findFirstOrThrow({ where: { integrationId: whole.id } })).incidentId as string;
    // A positive check first: the incident exists and has its alert entries.
    expect(await db().timelineEntry.count({ where: { incidentId: wholeIncident, kind: "alert_attached" } })).toBe(2);
    expect(await truncatedEntries(wholeIncident)).toEqual([]);
    expect((await getIncidentRoom(wholeIncident))?.alertTruncations).toEqual([]);
  });
});

describe("concurrency", () => {
  it("creates exactly one incident and one alert row from many identical deliveries at once", async () => {
    const integration = await newIntegration("alertmanager");
    const body = JSON.stringify(alertmanagerPayload("alertmanager-0.25-group-firing.json", "race"));
    const outcomes = await Promise.all(Array.from({ length: 25 }, () => ingestAlertDelivery(integration, body, { now })));
    expect(outcomes.every((outcome) => outcome.accepted)).toBe(true);
    expect(await counts(integration.id)).toEqual({ deliveries: 25, alerts: 2, incidents: 1 });
    const incidentId = (await db().alert.findFirstOrThrow({ where: { integrationId: integration.id } })).incidentId as string;
    expect(await db().timelineEntry.count({ where: { incidentId, kind: "declared" } })).toBe(1);
    expect((await db().alert.findMany({ where: { integrationId: integration.id } })).reduce((sum, alert) => sum + alert.occurrences, 0)).toBe(50);
  });

  it("opens one incident when different alerts of one group arrive at once", async () => {
    const integration = await newIntegration("generic");
    const bodies = Array.from({ length: 20 }, (_, index) =>
      JSON.stringify({ dedupKey: `node-${index}`, status: "firing", title: "Node down", severity: "critical", groupKey: "nodes" }),
    );
    await Promise.all(bodies.map((body) => ingestAlertDelivery(integration, body, { now })));
    expect(await counts(integration.id)).toMatchObject({ alerts: 20, incidents: 1 });
  });
});

describe("bad input", () => {
  it("records a rejected delivery with the reason and writes nothing else", async () => {
    const integration = await newIntegration("alertmanager");
    const bad = alertmanagerPayload("alertmanager-0.25-group-firing.json", "bad");
    bad.alerts[1].startsAt = "not a time";
    // A title no other test uses: an incident this delivery opened would carry it.
    for (const alert of bad.alerts) alert.annotations.summary = `refused ${integration.id}`;
    for (const body of ["{oops", JSON.stringify(bad), JSON.stringify({ hello: "world" }), "x".repeat(300 * 1024)]) {
      const outcome = await ingestAlertDelivery(integration, body, { now });
      expect(outcome.accepted).toBe(false);
    }
    const deliveries = await db().alertDelivery.findMany({ where: { integrationId: integration.id }, orderBy: { id: "asc" } });
    expect(deliveries.map((delivery) => [delivery.accepted, delivery.httpStatus])).toEqual([
      [false, 400],
      [false, 400],
      [false, 400],
      [false, 413],
    ]);
    expect(deliveries[1]?.reason).toMatch(/alerts\.1\.startsAt/);
    expect(deliveries[3]?.body.length).toBeLessThan(5 * 1024);
    expect(await db().alert.count({ where: { integrationId: integration.id } })).toBe(0);
    expect(await db().incident.count({ where: { title: { contains: `refused ${integration.id}` } } })).toBe(0);
  });

  it("refuses an alert starting further ahead than clocks drift, and reads a little skew as the time of receipt", async () => {
    const integration = await newIntegration("alertmanager");
    const minutesFromNow = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
    const future = alertmanagerPayload("alertmanager-0.25-group-firing.json", "future");
    future.alerts[0].startsAt = minutesFromNow(10);
    const refused = await ingestAlertDelivery(integration, JSON.stringify(future), { now });
    expect(refused).toMatchObject({ accepted: false, httpStatus: 400, reason: expect.stringMatching(/^alerts\.0\.startsAt: .* is in the future/) });
    expect(await db().alertDelivery.findMany({ where: { integrationId: integration.id }, select: { accepted: true, reason: true } })).toEqual([
      { accepted: false, reason: (refused as { reason: string }).reason },
    ]);
    expect(await db().alert.count({ where: { integrationId: integration.id } })).toBe(0);

    const skewed = alertmanagerPayload("alertmanager-0.25-group-firing.json", "skewed");
    for (const alert of skewed.alerts) alert.startsAt = minutesFromNow(4);
    expect(await ingestAlertDelivery(integration, JSON.stringify(skewed), { now })).toMatchObject({ accepted: true, firing: 2 });
    const alerts = await db().alert.findMany({ where: { integrationId: integration.id }, include: { incident: true } });
    expect(alerts.map((alert) => alert.startsAt)).toEqual([now, now]);
    expect(alerts[0]?.incident?.startedAt).toEqual(now);
  });
});

describe("CloudWatch through SNS", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const certificate = publicKey.export({ type: "spki", format: "pem" }).toString();
  const fetchCertificate = async () => certificate;
  const signed = (envelope: TSnsEnvelope) => {
    const signer = createSign("RSA-SHA256");
    const withVersion = { ...envelope, SignatureVersion: "2" };
    signer.update(snsStringToSign(withVersion));
    return { ...withVersion, Signature: signer.sign(privateKey, "base64") };
  };

  it("accepts a correctly signed notification and ignores its retry", async () => {
    const integration = await newIntegration("cloudwatch", { snsTopicArns: ["arn:aws:sns:ap-northeast-1:851669633371:firebreak-alarms"] });
    const body = JSON.stringify(signed({ ...fixture("cloudwatch-alarm-via-sns-http-notification.json"), MessageId: `m-${integration.id}` }));
    const first = await ingestAlertDelivery(integration, body, { now: new Date("2026-11-24T08:42:00Z"), fetchCertificate });
    expect(first).toMatchObject({ accepted: true, firing: 1, incidents: [expect.stringMatching(/^INC-/)] });
    const retry = await ingestAlertDelivery(integration, body, { now: new Date("2026-11-24T08:43:00Z"), fetchCertificate });
    expect(retry).toMatchObject({ accepted: true, duplicate: true });
    expect(await counts(integration.id)).toEqual({ deliveries: 1, alerts: 1, incidents: 1 });
  });

  it("rejects a tampered notification and a topic that is not allowed", async () => {
    const integration = await newIntegration("cloudwatch", { snsTopicArns: ["arn:aws:sns:ap-northeast-1:851669633371:firebreak-alarms"] });
    const envelope = signed(fixture("cloudwatch-alarm-via-sns-http-notification.json"));
    const tampered = await ingestAlertDelivery(integration, JSON.stringify({ ...envelope, Message: envelope.Message.replace("ALARM", "OK") }), {
      now,
      fetchCertificate,
    });
    expect(tampered).toMatchObject({ accepted: false, httpStatus: 403, reason: expect.stringMatching(/signature/) });
    const foreign = await ingestAlertDelivery(
      integration,
      JSON.stringify(signed({ ...fixture("cloudwatch-alarm-via-sns-http-notification.json"), TopicArn: "arn:aws:sns:us-east-1:111111111111:other" })),
      { now, fetchCertificate },
    );
    expect(foreign).toMatchObject({ accepted: false, httpStatus: 403, reason: expect.stringMatching(/allowed topics/) });
    expect(await db().alert.count({ where: { integrationId: integration.id } })).toBe(0);
  });

  it("stores a subscription confirmation for the admin", async () => {
    const integration = await newIntegration("cloudwatch");
    const outcome = await ingestAlertDelivery(
      integration,
      JSON.stringify(signed({ ...fixture("cloudwatch-sns-subscription-confirmation.json"), MessageId: `c-${integration.id}` })),
      { now, fetchCertificate },
    );
    expect(outcome).toMatchObject({ accepted: true, httpStatus: 200, alerts: 0 });
    const stored = await db().integration.findUniqueOrThrow({ where: { id: integration.id } });
    expect(stored.snsSubscribeUrl).toMatch(/^https:\/\/sns\.ap-northeast-1\.amazonaws\.com\/\?Action=ConfirmSubscription/);
    expect(stored.snsSubscriptionTopicArn).toBe("arn:aws:sns:ap-northeast-1:851669633371:firebreak-alarms");
  });
});
