import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIntegration } from "@/lib/alerts/integrations";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { db } from "@/lib/db/prisma";
import { declareIncident, updateIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { collectSliOnce } from "./collector";
import { incidentSloImpacts, sloStatus } from "./queries";
import { ZSliBatch } from "./schema";
import { createSlo, pushSliBuckets, recordSloImpact, removeSloImpact } from "./service";
import { sumSliIntervals } from "./sli-sums";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const now = new Date("2026-11-20T12:00:00Z");

let admin: TActor;
let responder: TActor;
const tag = Math.random().toString(36).slice(2, 8);

/**
 * A Prometheus-compatible query_range endpoint: `requests_total` counts 100 requests a minute and
 * `requests_good` 99 (1% errors), except that minutes in `outage` are all bad. It can be made to fail.
 */
type TFakePrometheus = { url: string; requests: { query: string; start: number; end: number }[]; mode: "up" | "down" | "garbage" };
let prometheus: TFakePrometheus;
let server: Server;

beforeAll(async () => {
  admin = await createTestUser("admin");
  responder = await createTestUser("responder");
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const form = new URLSearchParams(body);
      const query = form.get("query") ?? "";
      const start = Number(form.get("start"));
      const end = Number(form.get("end"));
      prometheus.requests.push({ query, start, end });
      if (request.url !== "/api/v1/query_range" || request.method !== "POST") return response.writeHead(404).end();
      if (prometheus.mode === "down")
        return response.writeHead(503, { "content-type": "application/json" }).end('{"status":"error","errorType":"unavailable","error":"TSDB not ready"}');
      if (prometheus.mode === "garbage") return response.writeHead(200, { "content-type": "text/html" }).end("<html>proxy error</html>");
      const values: [number, string][] = [];
      for (let at = start; at <= end; at += Number(form.get("step"))) values.push([at, query === "requests_total" ? "100" : "99.4"]);
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: { job: "checkout" }, values }] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  prometheus = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: [], mode: "up" };
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const newService = (name: string) => createService(admin, { name: `${name} ${tag}`, ownerTeam: "Core", description: "" });

/** A 99.5% SLO over 7 days counted from the outages of a new service's incidents. */
async function incidentMeasuredSlo(serviceName: string) {
  const service = await newService(serviceName);
  return createSlo(responder, {
    serviceId: service.id,
    name: "uptime",
    kind: "availability",
    objectivePercent: 99.5,
    window: "rolling_7d",
    source: "incidents",
  });
}

describe("pulling SLI data from Prometheus", () => {
  it("backfills the window in chunks, shows a failing Prometheus on the SLO, and fills the gap once it is back", async () => {
    const service = await newService("prometheus");
    const slo = await createSlo(admin, {
      serviceId: service.id,
      name: "availability",
      kind: "availability",
      objectivePercent: 99,
      window: "rolling_7d",
      source: "prometheus",
      prometheus: { url: `${prometheus.url}/`, goodQuery: "requests_good", totalQuery: "requests_total" },
    });

    const [first] = await collectSliOnce({ now, sloIds: [slo.id] });
    // 7 days of minutes is 10,080, up to the last complete minute: two chunks of at most 10,000, each a good and a total query.
    expect(first).toMatchObject({ sloId: slo.id, minutes: 7 * 24 * 60, error: null });
    expect(prometheus.requests).toHaveLength(4);
    expect(prometheus.requests.every((request) => request.end - request.start <= 10_000 * 60)).toBe(true);
    const status = await sloStatus(slo.id, now);
    // 99.4 rounds to 99 good of 100: a 1% error ratio is a burn rate of 1 against a 99% objective.
    expect(status?.counts).toEqual({ good: 99 * 7 * 24 * 60, total: 100 * 7 * 24 * 60 });
    expect(status?.burnRates.every((entry) => Math.abs(entry.rate - 1) < 1e-9)).toBe(true);

    // Prometheus goes down: the error shows on the SLO, nothing else breaks.
    prometheus.mode = "down";
    const [failed] = await collectSliOnce({ now: new Date(now.getTime() + 10 * MINUTE), sloIds: [slo.id] });
    expect(failed?.error).toMatch(/unavailable.*TSDB not ready/);
    expect(await db().slo.findUniqueOrThrow({ where: { id: slo.id } })).toMatchObject({
      collectError: expect.stringMatching(/TSDB not ready/),
      collectedThrough: now,
    });
    prometheus.mode = "garbage";
    const [garbled] = await collectSliOnce({ now: new Date(now.getTime() + 12 * MINUTE), sloIds: [slo.id] });
    expect(garbled?.error).toMatch(/not JSON/);

    // Back up 30 minutes later: the minutes missed while it was down are backfilled and the error clears.
    prometheus.mode = "up";
    const later = new Date(now.getTime() + 30 * MINUTE);
    const [recovered] = await collectSliOnce({ now: later, sloIds: [slo.id] });
    expect(recovered).toMatchObject({ error: null, minutes: 35 });
    const [gap] = await sumSliIntervals([{ sloId: slo.id, from: now, to: later }]);
    expect(gap).toEqual({ good: 99 * 30, total: 100 * 30 });
    expect(await db().slo.findUniqueOrThrow({ where: { id: slo.id } })).toMatchObject({ collectError: "", collectedThrough: later });
    // A run within the lease does not pull again.
    expect(await collectSliOnce({ now: new Date(later.getTime() + 10_000), sloIds: [slo.id] })).toEqual([]);
  });
});

describe("bad time from incidents", () => {
  it("counts a linked full outage's impact window as bad minutes, and recounts when the link goes", async () => {
    const service = await newService("no metrics");
    const slo = await createSlo(responder, {
      serviceId: service.id,
      name: "uptime",
      kind: "availability",
      objectivePercent: 99,
      window: "rolling_7d",
      source: "incidents",
    });
    const incident = await declareIncident(
      responder,
      { title: "Checkout down", severity: "SEV1", serviceIds: [], summary: "", startedAt: new Date(now.getTime() - 3 * HOUR) },
      new Date(now.getTime() - 3 * HOUR),
    );
    await updateIncident(responder, incident.id, { status: "monitoring" }, new Date(now.getTime() - 2 * HOUR));
    await recordSloImpact(responder, incident.id, { sloId: slo.id, impact: "full_outage" }, new Date(now.getTime() - HOUR));

    await collectSliOnce({ now, sloIds: [slo.id] });
    const status = await sloStatus(slo.id, now);
    expect(status?.budget.consumedBad).toBe(60);
    expect(status?.counts.total).toBe(7 * 24 * 60);
    const [impact] = await incidentSloImpacts(incident.id, now);
    expect(impact).toMatchObject({ impact: "full_outage", badEvents: 60 });
    expect(impact?.consumedFraction).toBeCloseTo(60 / (0.01 * 7 * 24 * 60), 9);
    const timeline = await db().timelineEntry.findMany({ where: { incidentId: incident.id, kind: "slo_impact_changed" } });
    expect(timeline).toHaveLength(1);

    await removeSloImpact(responder, incident.id, slo.id, new Date(now.getTime() + MINUTE));
    await collectSliOnce({ now: new Date(now.getTime() + 2 * MINUTE), sloIds: [slo.id] });
    expect((await sloStatus(slo.id, new Date(now.getTime() + 2 * MINUTE)))?.budget.consumedBad).toBe(0);
  });

  it("counts the minutes since the last collection from the outages, so a figure as of an instant does not change when the collector catches up", async () => {
    const slo = await incidentMeasuredSlo("not yet collected");
    const at = new Date(now.getTime() + 24 * HOUR + 30_000);
    const outageStart = new Date(at.getTime() - 10 * MINUTE - 30_000);
    const incident = await declareIncident(
      responder,
      { title: "Still down", severity: "SEV1", serviceIds: [], summary: "", startedAt: outageStart },
      outageStart,
    );
    await recordSloImpact(responder, incident.id, { sloId: slo.id, impact: "full_outage" }, outageStart);
    const lastHour = { sloId: slo.id, from: new Date(at.getTime() - HOUR - 30_000), to: at };

    await collectSliOnce({ now: new Date(at.getTime() - 3 * MINUTE), sloIds: [slo.id] });
    const [beforeCatchingUp] = await sumSliIntervals([lastHour]);
    await collectSliOnce({ now: new Date(at.getTime() + MINUTE), sloIds: [slo.id] });
    const [afterCatchingUp] = await sumSliIntervals([lastHour]);

    // 61 minutes start in [at − 1 h − 30 s, at); the outage, from 10 min 30 s before `at`, touches the last 11 of them.
    expect(beforeCatchingUp).toEqual({ good: 50, total: 61 });
    expect(afterCatchingUp).toEqual(beforeCatchingUp);
  });

  it("reads minutes a recount will redo as they are stored until it has run, counting none of them twice", async () => {
    const slo = await incidentMeasuredSlo("recounted");
    const at = new Date(now.getTime() + 48 * HOUR);
    await collectSliOnce({ now: at, sloIds: [slo.id] });
    const startedAt = new Date(at.getTime() - 2 * HOUR);
    const incident = await declareIncident(responder, { title: "Found late", severity: "SEV2", serviceIds: [], summary: "", startedAt }, startedAt);
    // Linking the outage moves collectedThrough back to its start; the minutes after it stay stored until the collector recounts them.
    await recordSloImpact(responder, incident.id, { sloId: slo.id, impact: "full_outage" }, at);
    const lastThreeHours = { sloId: slo.id, from: new Date(at.getTime() - 3 * HOUR), to: at };
    expect(await sumSliIntervals([lastThreeHours])).toEqual([{ good: 180, total: 180 }]);
    await collectSliOnce({ now: new Date(at.getTime() + MINUTE), sloIds: [slo.id] });
    expect(await sumSliIntervals([lastThreeHours])).toEqual([{ good: 60, total: 180 }]);
  });
});

describe("burn-rate alerts through the alert path", () => {
  it("opens one incident for an SLO burning its budget, stays quiet while nothing changes, and resolves the alerts when it stops", async () => {
    const service = await newService("burning");
    const integration = await createIntegration(admin, { name: `SLO alerts ${tag}`, source: "slo", defaultServiceId: null, defaultSeverity: "SEV3" });
    const slo = await createSlo(responder, {
      serviceId: service.id,
      name: "availability",
      kind: "availability",
      objectivePercent: 99.9,
      window: "rolling_30d",
    });
    const lastSixHours = (good: number) =>
      ZSliBatch.parse({
        buckets: Array.from({ length: 360 }, (_, index) => ({ minute: new Date(now.getTime() - (index + 1) * MINUTE).toISOString(), good, total: 1000 })),
      });
    // 5% errors for six hours: 50× the budget rate of a 99.9% SLO, past every workbook factor.
    await pushSliBuckets(responder, slo.id, lastSixHours(950), now);

    await collectSliOnce({ now, sloIds: [slo.id] });
    const alerts = await db().alert.findMany({ where: { integrationId: integration.id }, include: { incident: { include: { services: true } } } });
    expect(alerts).toHaveLength(4);
    expect(alerts.every((alert) => alert.source === "slo" && alert.status === "firing")).toBe(true);
    expect(new Set(alerts.map((alert) => alert.incidentId)).size).toBe(1);
    expect(alerts[0]?.incident?.services.map((link) => link.serviceId)).toEqual([service.id]);
    expect(alerts.find((alert) => alert.title.includes("2% of budget in 1 h"))?.title).toMatch(/burn rate 50\.0× over 1 h/);

    await collectSliOnce({ now: new Date(now.getTime() + MINUTE), sloIds: [slo.id] });
    expect(await db().alertDelivery.count({ where: { integrationId: integration.id } })).toBe(1);

    await pushSliBuckets(responder, slo.id, lastSixHours(1000), new Date(now.getTime() + MINUTE));
    await collectSliOnce({ now: new Date(now.getTime() + MINUTE), sloIds: [slo.id] });
    const after = await db().alert.findMany({ where: { integrationId: integration.id } });
    expect(after.map((alert) => alert.status)).toEqual(["resolved", "resolved", "resolved", "resolved"]);
    expect(await db().alertDelivery.count({ where: { integrationId: integration.id } })).toBe(2);

    // An SLO of a service whose outage is already an open incident joins that incident instead of opening another.
    const handled = await newService("handled");
    const outage = await declareIncident(responder, { title: "Handled outage", severity: "SEV2", serviceIds: [handled.id], summary: "" }, now);
    const handledSlo = await createSlo(responder, {
      serviceId: handled.id,
      name: "availability",
      kind: "availability",
      objectivePercent: 99.9,
      window: "rolling_30d",
    });
    await pushSliBuckets(responder, handledSlo.id, lastSixHours(950), now);
    await collectSliOnce({ now, sloIds: [handledSlo.id] });
    const joined = await db().alert.findMany({ where: { integrationId: integration.id, serviceId: handled.id } });
    expect(joined).toHaveLength(4);
    expect(joined.every((alert) => alert.incidentId === outage.id)).toBe(true);
  });
});
