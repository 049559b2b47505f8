// The heartbeat job acts on every heartbeat and holds a lease of its own, so this file runs on a
// scratch database: its runs cannot touch other files' rows, nor theirs its lease.
import { beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { GET as pingGet, POST as pingPost } from "@/app/api/heartbeat/[token]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/heartbeats/route";
import { createIntegration } from "@/lib/alerts/integrations";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { db } from "@/lib/db/prisma";
import { apiRequest, routeParams } from "@/lib/testing/api-request";
import { createTestUserWithToken } from "@/lib/testing/factories";
import { createScratchDatabase } from "@/tests/scratch-database";
import { useDatabase } from "@/tests/use-database";
import { HEARTBEAT_RUN_EVERY_MS, runHeartbeatCheckOnce } from "./job";
import { createHeartbeat, recordHeartbeatPing, rotateHeartbeatToken } from "./service";

const MINUTE = 60_000;
// A minute boundary an hour ahead of the clock, and each job run a lease period after the last.
const T0 = new Date(Math.floor(Date.now() / MINUTE) * MINUTE + 60 * MINUTE);
let runAt = T0.getTime() - 60 * MINUTE;
const nextRun = (atLeast: Date) => {
  runAt = Math.max(runAt + HEARTBEAT_RUN_EVERY_MS, atLeast.getTime());
  return new Date(runAt);
};
const after = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

let admin: TActor;
let adminToken: string;
let responderToken: string;
let integrationId: string;
let genericServiceId: string;

const ping = (token: string, method: "GET" | "POST" = "GET", body?: string) =>
  (method === "GET" ? pingGet : pingPost)(apiRequest(method, `/api/heartbeat/${token}`, null, undefined, body), routeParams({ token }));
const heartbeatAlert = (heartbeatId: string) =>
  db().alert.findFirst({ where: { dedupKey: `heartbeat:${heartbeatId}` }, select: { status: true, incidentId: true, title: true } });

beforeAll(async () => {
  await useDatabase(await createScratchDatabase(inject("databaseUrl")));
  ({ actor: admin, token: adminToken } = await createTestUserWithToken("admin"));
  responderToken = (await createTestUserWithToken("responder")).token;
  const service = await createService(admin, { name: "Backups", slug: "backups", ownerTeam: "Core", description: "" });
  genericServiceId = service.id;
  const integration = await createIntegration(admin, { name: "Jobs", source: "generic", defaultServiceId: service.id, defaultSeverity: "SEV3" });
  integrationId = integration.id;
});

// Each test's heartbeats are the only ones the job sees (the database is this file's own).
beforeEach(async () => {
  await db().heartbeat.deleteMany({});
});

describe("a heartbeat that stops", () => {
  it("opens an incident through its integration once late, only once, and resolves its alert when called again", async () => {
    const { id, token } = await createHeartbeat(admin, { name: "nightly-backup", integrationId, intervalMinutes: 5, graceMinutes: 1, severity: "critical" });

    // Never called: waiting, however long it has existed.
    expect(await runHeartbeatCheckOnce(nextRun(after(-30)))).toEqual({ fired: 0, resolved: 0, failed: 0 });
    expect(await heartbeatAlert(id)).toBeNull();

    const called = await recordHeartbeatPing(token, after(0));
    expect(called?.nextDeadline).toEqual(after(6));

    expect(await runHeartbeatCheckOnce(nextRun(after(6)))).toEqual({ fired: 0, resolved: 0, failed: 0 });
    expect(await runHeartbeatCheckOnce(nextRun(after(6.5)))).toEqual({ fired: 1, resolved: 0, failed: 0 });
    const firing = await heartbeatAlert(id);
    expect(firing).toMatchObject({ status: "firing", title: "Heartbeat nightly-backup stopped (expected every 5 m)" });
    const incident = await db().incident.findUniqueOrThrow({
      where: { id: firing?.incidentId as string },
      select: { severity: true, startedAt: true, services: { select: { serviceId: true } } },
    });
    // critical through the integration's default severity map
    expect(incident.severity).toBe("SEV2");
    expect(incident.startedAt).toEqual(after(6));
    expect(incident.services).toEqual([{ serviceId: genericServiceId }]);

    expect(await runHeartbeatCheckOnce(nextRun(after(20)))).toEqual({ fired: 0, resolved: 0, failed: 0 });
    expect(await db().alertDelivery.count({ where: { integrationId, body: { contains: `heartbeat:${id}` } } })).toBe(1);

    await recordHeartbeatPing(token, after(21));
    expect(await runHeartbeatCheckOnce(nextRun(after(21)))).toEqual({ fired: 0, resolved: 1, failed: 0 });
    expect((await heartbeatAlert(id))?.status).toBe("resolved");
  });
});

describe("two processes checking at once", () => {
  it("send a late heartbeat's alert once", async () => {
    const { id, token } = await createHeartbeat(admin, { name: "raced", integrationId, intervalMinutes: 1, graceMinutes: 0, severity: "warning" });
    await recordHeartbeatPing(token, after(100));
    const at = nextRun(after(102));
    const reports = await Promise.all([runHeartbeatCheckOnce(at), runHeartbeatCheckOnce(at), runHeartbeatCheckOnce(at)]);
    expect(reports.filter((report) => report !== null)).toEqual([{ fired: 1, resolved: 0, failed: 0 }]);
    expect(await db().alertDelivery.count({ where: { integrationId, body: { contains: `heartbeat:${id}` } } })).toBe(1);
  });

  it("send it again after a process died between the delivery and recording it, which dedup absorbs", async () => {
    const { id, token } = await createHeartbeat(admin, { name: "crashed", integrationId, intervalMinutes: 1, graceMinutes: 0, severity: "warning" });
    await recordHeartbeatPing(token, after(200));
    expect(await runHeartbeatCheckOnce(nextRun(after(202)))).toMatchObject({ fired: 1 });
    const incidentId = (await heartbeatAlert(id))?.incidentId;
    // What a process killed right after its delivery leaves behind: the alert sent, the heartbeat not told.
    await db().heartbeat.update({ where: { id }, data: { alertFiring: false } });
    expect(await runHeartbeatCheckOnce(nextRun(after(203)))).toMatchObject({ fired: 1 });
    expect(await db().alert.count({ where: { dedupKey: `heartbeat:${id}` } })).toBe(1);
    expect((await heartbeatAlert(id))?.incidentId).toBe(incidentId);
    expect((await db().heartbeat.findUniqueOrThrow({ where: { id } })).alertFiring).toBe(true);
  });
});

describe("the ping URL", () => {
  it("is called with GET or POST, ignores the body (an Alertmanager Watchdog delivery), and says when it will be late", async () => {
    const { id, token } = await createHeartbeat(admin, { name: "watchdog", integrationId, intervalMinutes: 2, graceMinutes: 0, severity: "critical" });
    const response = await ping(token);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: "ok", heartbeat: "watchdog" });
    expect(Date.parse(body.lateAfter)).toBeGreaterThan(Date.now());
    const watchdog = JSON.stringify({ version: "4", status: "firing", alerts: [{ status: "firing", labels: { alertname: "Watchdog" } }] });
    expect((await ping(token, "POST", watchdog)).status).toBe(200);
    expect((await ping(token, "POST", "{not json")).status).toBe(200);
    expect((await db().heartbeat.findUniqueOrThrow({ where: { id } })).lastPingAt).not.toBeNull();
  });

  it("answers 404 for an unknown, malformed or hostile token and records nothing", async () => {
    const before = await db().heartbeat.findMany({ select: { id: true, lastPingAt: true }, orderBy: { id: "asc" } });
    for (const token of [`fbh_${"A".repeat(32)}`, "fbh_x", "' OR 1=1 --", "%00"]) {
      const response = await ping(token);
      expect(response.status).toBe(404);
      expect((await response.json()).message).toMatch(/No heartbeat has this URL/);
    }
    expect(await db().heartbeat.findMany({ select: { id: true, lastPingAt: true }, orderBy: { id: "asc" } })).toEqual(before);
  });

  it("stops working the moment a new URL is issued", async () => {
    const { id, token } = await createHeartbeat(admin, { name: "rotated", integrationId, intervalMinutes: 2, graceMinutes: 0, severity: "critical" });
    const { token: rotated } = await rotateHeartbeatToken(admin, id);
    expect((await ping(token)).status).toBe(404);
    expect((await ping(rotated)).status).toBe(200);
  });
});

describe("the heartbeats API", () => {
  it("creates a heartbeat for admins only, returns its ping URL once, and never lists the secret", async () => {
    const input = { name: "api-made", integrationId, intervalMinutes: 10 };
    expect((await createRoute(apiRequest("POST", "/api/heartbeats", responderToken, input), routeParams({}))).status).toBe(403);
    const created = await createRoute(apiRequest("POST", "/api/heartbeats", adminToken, input), routeParams({}));
    expect(created.status).toBe(201);
    const { pingUrl } = await created.json();
    const token = String(pingUrl).split("/api/heartbeat/")[1] ?? "";
    expect(token).toMatch(/^fbh_/);
    expect((await ping(token)).status).toBe(200);
    const listed = await (await listRoute(apiRequest("GET", "/api/heartbeats", adminToken), routeParams({}))).text();
    expect(listed).toContain("api-made");
    expect(listed).not.toContain(token);
    expect(listed).not.toContain("tokenHash");
  });

  it("refuses bad input with a message naming the field, and an integration of another format", async () => {
    const bad = await createRoute(apiRequest("POST", "/api/heartbeats", adminToken, { name: "", integrationId, intervalMinutes: 0 }), routeParams({}));
    expect(bad.status).toBe(400);
    const problem = JSON.stringify(await bad.json());
    expect(problem).toMatch(/name/);
    expect(problem).toMatch(/intervalMinutes/);
    const prometheus = await createIntegration(admin, { name: "Prom", source: "alertmanager", defaultServiceId: null, defaultSeverity: "SEV3" });
    const wrongSource = await createRoute(apiRequest("POST", "/api/heartbeats", adminToken, { name: "x", integrationId: prometheus.id, intervalMinutes: 5 }), routeParams({}));
    expect(wrongSource.status).toBe(422);
    expect((await wrongSource.json()).message).toMatch(/generic format/);
  });
});
