import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as healthRoute } from "@/app/api/health/route";
import { POST as declareRoute } from "@/app/api/incidents/route";
import { POST as webhookRoute } from "@/app/api/integrations/[ref]/alerts/route";
import { POST as createIntegrationRoute } from "@/app/api/integrations/route";
import { GET as readyRoute } from "@/app/api/ready/route";
import { GET as metricsRoute } from "@/app/metrics/route";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { createService } from "@/lib/catalog/service";
import { freeLoopbackPort } from "@/lib/db/embedded-postgres";
import { pgConnectionFields } from "@/lib/db/pg-connection";
import { db } from "@/lib/db/prisma";
import { resetServerEnvForTests } from "@/lib/env/server-env";
import { renderMetrics } from "@/lib/operations/metrics-exposition";
import { checkReadiness } from "@/lib/operations/readiness";
import { createSlo } from "@/lib/slo/service";
import { apiRequest, routeParams, sessionCookie } from "@/lib/testing/api-request";
import { createTestUserWithToken } from "@/lib/testing/factories";
import { parseMetrics, sampleValue } from "@/lib/testing/prometheus-text";
import { withoutFakeClock } from "@/tests/reference-deployment";
import { createScratchDatabase } from "@/tests/scratch-database";
import { useDatabase } from "@/tests/use-database";

const METRICS_TOKEN = `metrics-${randomUUID()}`;
const ALLOWED_SCRAPER = "192.0.2.10";
process.env.FIREBREAK_METRICS_TOKEN = METRICS_TOKEN;
process.env.FIREBREAK_METRICS_ALLOW = "192.0.2.0/28";
resetServerEnvForTests();

const fixture = readFileSync(path.join(import.meta.dirname, "../../fixtures/alerts/alertmanager-0.25-group-firing.json"), "utf8");
/** The fixture as alerts and a group of their own: no other test's alerts (or incidents) share their fingerprints or name. */
const uniqueAlertGroup = () =>
  fixture
    .replaceAll("APILatencyHigh", `OperationsTest${randomUUID().slice(0, 8)}`)
    .replace(/"fingerprint": "[0-9a-f]+"/g, () => `"fingerprint": "${randomUUID().replaceAll("-", "").slice(0, 16)}"`);

let admin: Awaited<ReturnType<typeof createTestUserWithToken>>;
let webhookKey: string;

beforeAll(async () => {
  admin = await createTestUserWithToken("admin");
  const created = await createIntegrationRoute(
    apiRequest("POST", "/api/integrations", admin.token, { name: `operations ${randomUUID()}`, source: "alertmanager" }),
    routeParams({}),
  );
  webhookKey = ((await created.json()) as { key: string }).key;
});

/** A scrape as the launcher hands it to Next: the client's address in its header, a token if given. */
function scrape(options: { from?: string; authorization?: string; cookie?: string } = {}) {
  const headers: Record<string, string> = { [CLIENT_ADDRESS_HEADER]: options.from ?? "203.0.113.50" };
  if (options.authorization) headers.authorization = options.authorization;
  if (options.cookie) headers.cookie = options.cookie;
  return metricsRoute(new Request("http://localhost/metrics", { headers }), routeParams({}));
}

async function scrapeText(): Promise<string> {
  const response = await scrape({ authorization: `Bearer ${METRICS_TOKEN}` });
  expect(response.status).toBe(200);
  return response.text();
}

const deliver = (body: string) =>
  webhookRoute(
    new Request(`http://localhost/api/integrations/${webhookKey}/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body }),
    routeParams({ ref: webhookKey }),
  );

describe("/api/health", () => {
  it("answers 200 without asking the database", async () => {
    const response = await healthRoute();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});

describe("/api/ready", () => {
  it("is ready with the database writable and every migration applied; Redis is not configured", async () => {
    const response = await readyRoute(new Request("http://localhost/api/ready"), routeParams({}));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", redis: "not configured" } });
  });

  it("names the Redis check when REDIS_URL points at nothing", async () => {
    const port = await freeLoopbackPort();
    const readiness = await checkReadiness(`redis://127.0.0.1:${port}`);
    expect(readiness).toMatchObject({
      ready: false,
      failed: ["redis"],
      checks: { database: "ok", migrations: "ok", redis: "could not be reached (ECONNREFUSED)" },
    });
  });

  describe.skipIf(!existsSync("/usr/bin/redis-server"))("with Debian's redis-server (skipped where it is not installed)", () => {
    let redis: ChildProcess;
    let port: number;
    beforeAll(async () => {
      port = await freeLoopbackPort();
      redis = spawn(
        "/usr/bin/redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--requirepass", "ready-check"],
        { stdio: ["ignore", "pipe", "pipe"], env: withoutFakeClock() },
      );
      await new Promise<void>((resolve, reject) => {
        redis.stdout?.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes("Ready to accept connections")) resolve();
        });
        redis.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
      });
    });
    afterAll(() => {
      redis.kill("SIGTERM");
    });

    it("is ready when Redis answers PING, and names a wrong password", async () => {
      expect(await checkReadiness(`redis://:ready-check@127.0.0.1:${port}`)).toMatchObject({ ready: true, checks: { redis: "ok" } });
      expect(await checkReadiness(`redis://:wrong@127.0.0.1:${port}`)).toMatchObject({
        ready: false,
        failed: ["redis"],
        checks: { redis: "answered WRONGPASS" },
      });
    });
  });
});

describe("/metrics access", () => {
  it("asks for the token (401) without one, and refuses a wrong one", async () => {
    const anonymous = await scrape();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await scrape({ authorization: "Bearer not-the-metrics-token" })).status).toBe(401);
    // A wrong token from an allowed address is still a misconfigured scraper.
    expect((await scrape({ from: ALLOWED_SCRAPER, authorization: "Bearer not-the-metrics-token" })).status).toBe(401);
  });

  it("lets in the token from anywhere, and an allowed address without one", async () => {
    expect((await scrape({ authorization: `Bearer ${METRICS_TOKEN}` })).status).toBe(200);
    const allowed = await scrape({ from: ALLOWED_SCRAPER });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("is never opened by a user's session", async () => {
    const cookie = await sessionCookie(admin.actor.id);
    expect((await scrape({ cookie })).status).toBe(401);
    // Nor by the user's own API token: the metrics token is a credential of its own.
    expect((await scrape({ authorization: `Bearer ${admin.token}` })).status).toBe(401);
  });
});

describe("/metrics content", () => {
  it("counts alert deliveries by source and status, with their latency, and the incidents they open", async () => {
    const before = parseMetrics(await scrapeText());
    const accepted = await Promise.all([deliver(uniqueAlertGroup()), deliver(uniqueAlertGroup())]);
    for (const answer of accepted) expect(answer.status).toBe(202);
    expect((await deliver("{ not json")).status).toBe(400);
    const unknown = await webhookRoute(
      new Request("http://localhost/api/integrations/fbi_unknownunknownunknown00/alerts", { method: "POST", body: fixture }),
      routeParams({ ref: "fbi_unknownunknownunknown00" }),
    );
    expect(unknown.status).toBe(404);
    const declared = await declareRoute(
      apiRequest("POST", "/api/incidents", admin.token, { title: `Operations test ${randomUUID()}`, severity: "SEV4", pageOnCall: false }),
      routeParams({}),
    );
    expect(declared.status).toBe(201);

    const after = parseMetrics(await scrapeText());
    const delta = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta("firebreak_alert_intake_duration_seconds_count", { source: "alertmanager" })).toBe(3);
    expect(delta("firebreak_alert_intake_duration_seconds_bucket", { source: "alertmanager", le: "+Inf" })).toBe(3);
    expect(delta("firebreak_alert_intake_duration_seconds_sum", { source: "alertmanager" })).toBeGreaterThan(0);
    expect(delta("firebreak_alert_deliveries_rejected_total", { source: "alertmanager", status: "400" })).toBe(1);
    expect(delta("firebreak_alert_deliveries_rejected_total", { source: "unknown", status: "404" })).toBe(1);
    expect(delta("firebreak_incidents_opened_total", { source: "alertmanager" })).toBe(2);
    expect(delta("firebreak_incidents_opened_total", { source: "person" })).toBe(1);
    expect(delta("firebreak_alert_intake_errors_total", { source: "alertmanager" })).toBe(0);

    // The pool the Prisma client queries through, read live.
    expect(sampleValue(after, "firebreak_db_pool_connections")).toBeGreaterThan(0);
    expect(sampleValue(after, "firebreak_db_pool_max_connections")).toBe(20);
    expect(sampleValue(after, "firebreak_ready")).toBe(1);
    expect(sampleValue(after, "firebreak_readiness_check", { check: "migrations" })).toBe(1);
    expect(sampleValue(after, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(after.some((sample) => sample.name === "firebreak_readiness_check" && sample.labels.check === "redis")).toBe(false);
  });

  it("reports each collected SLO's lag: seconds since the last minute collected, or since its creation before that", async () => {
    const service = await createService(admin.actor, { name: `Operations ${randomUUID().slice(0, 8)}`, ownerTeam: "SRE", description: "" });
    const slo = await createSlo(admin.actor, {
      serviceId: service.id,
      name: "Availability",
      kind: "availability",
      objectivePercent: 99.9,
      window: "rolling_30d",
      source: "incidents",
    });
    const series = { slo_id: slo.id, slo: "Availability", service: service.slug };
    const later = new Date(slo.createdAt.getTime() + 90_000);
    expect(sampleValue(parseMetrics((await renderMetrics(later)).body), "firebreak_slo_collector_lag_seconds", series)).toBe(90);

    // Where a collector run leaves it (lib/slo/collector.ts): a month of minutes is not worth counting here.
    const collectedThrough = new Date(slo.createdAt.getTime() + 60_000);
    await db().slo.update({ where: { id: slo.id }, data: { collectedThrough } });
    const tenMinutesLater = new Date(collectedThrough.getTime() + 600_000);
    expect(sampleValue(parseMetrics((await renderMetrics(tenMinutesLater)).body), "firebreak_slo_collector_lag_seconds", series)).toBe(600);
  });
});

describe("readiness without the database", () => {
  afterAll(async () => {
    await useDatabase(inject("databaseUrl"));
  });

  it("answers 503 naming the migrations a database has not applied", async () => {
    const scratch = await createScratchDatabase(inject("databaseUrl"));
    const client = new pg.Client(pgConnectionFields(scratch));
    await client.connect();
    const [latest] = (
      await client.query<{ name: string }>(
        `DELETE FROM "_prisma_migrations" WHERE "migration_name" = (SELECT max("migration_name") FROM "_prisma_migrations") RETURNING "migration_name" AS "name"`,
      )
    ).rows;
    await client.end();
    await useDatabase(scratch);

    const response = await readyRoute(new Request("http://localhost/api/ready"), routeParams({}));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: "not ready",
      failed: ["migrations"],
      checks: { database: "ok", migrations: `not applied: ${latest?.name}`, redis: "not configured" },
    });
  });

  it("answers 503 naming the database when it cannot be reached, while /api/health still answers 200", async () => {
    await useDatabase("postgresql://firebreak:unused@127.0.0.1:1/firebreak");
    const response = await readyRoute(new Request("http://localhost/api/ready"), routeParams({}));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: "not ready",
      failed: ["database", "migrations"],
      checks: { database: "unreachable or not writable", migrations: "could not be read", redis: "not configured" },
    });
    expect((await healthRoute()).status).toBe(200);
    // The scrape still answers, saying so.
    const samples = parseMetrics(await scrapeText());
    expect(sampleValue(samples, "firebreak_ready")).toBe(0);
    expect(sampleValue(samples, "firebreak_readiness_check", { check: "database" })).toBe(0);
  });
});
