import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as ingestRoute } from "@/app/api/ingest/route";
import { POST as webhookRoute } from "@/app/api/integrations/[ref]/alerts/route";
import { POST as pagerDutyRoute } from "@/app/api/pagerduty/v2/enqueue/route";
import { createIntegration } from "@/lib/alerts/integrations";
import { plainReceiverFor, serveAlertReceiver } from "@/lib/alerts/plain-receivers";
import { db } from "@/lib/db/prisma";
import { BodyLimitedRequest, guardRequestBody } from "@/lib/http/body-guard";
import { createTestUser } from "@/lib/testing/factories";

// The alert receivers as the server answers them, outside Next (server.ts): the same answers as the
// route handlers for the same requests, and everything else left for Next.

let server: Server;
let origin: string;
let keys: { generic: string; pagerduty: string };

beforeAll(async () => {
  server = createServer({ IncomingMessage: BodyLimitedRequest }, (request, response) => {
    guardRequestBody(request, response);
    const receiver = plainReceiverFor(request);
    if (receiver) void serveAlertReceiver(request, response, receiver);
    else response.writeHead(418, { "content-type": "text/plain" }).end("for Next");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = await createTestUser("admin");
  const create = (source: "generic" | "pagerduty") =>
    createIntegration(admin, { name: `plain ${source} ${Date.now()}`, source, defaultServiceId: null, defaultSeverity: "SEV3" });
  const [generic, pagerduty] = await Promise.all([create("generic"), create("pagerduty")]);
  keys = { generic: generic.key, pagerduty: pagerduty.key };
});

afterAll(() => {
  server.close();
});

type TCase = { name: string; path: string; body: string | (() => string); headers?: Record<string, string>; route: (request: Request) => Promise<Response> };

const generic = (dedupKey: string) => JSON.stringify({ dedupKey, status: "firing", title: `Plain receiver ${dedupKey}`, severity: "info" });
const cases = (): TCase[] => [
  {
    name: "an unknown key",
    path: "/api/integrations/fbi_nosuchkeynosuchkeynosuchkey/alerts",
    body: generic("x"),
    route: (r) => webhookRoute(r, params("fbi_nosuchkeynosuchkeynosuchkey")),
  },
  { name: "a body that is not JSON", path: `/api/integrations/${keys.generic}/alerts`, body: "{not json", route: (r) => webhookRoute(r, params(keys.generic)) },
  {
    name: "a payload missing its title",
    path: `/api/integrations/${keys.generic}/alerts`,
    body: '{"dedupKey":"a","status":"firing"}',
    route: (r) => webhookRoute(r, params(keys.generic)),
  },
  { name: "a bearer receiver without its header", path: "/api/ingest", body: generic("y"), route: (r) => ingestRoute(r, noParams) },
  {
    name: "a bearer receiver with an unknown key",
    path: "/api/ingest",
    body: generic("y"),
    headers: { authorization: "Bearer fbi_nosuchkeynosuchkeynosuchkey" },
    route: (r) => ingestRoute(r, noParams),
  },
  { name: "a PagerDuty event that is not JSON", path: "/api/pagerduty/v2/enqueue", body: "[", route: (r) => pagerDutyRoute(r, noParams) },
  { name: "a PagerDuty event without routing_key", path: "/api/pagerduty/v2/enqueue", body: "{}", route: (r) => pagerDutyRoute(r, noParams) },
  {
    name: "a PagerDuty event over the size limit",
    path: "/api/pagerduty/v2/enqueue",
    body: () => JSON.stringify({ routing_key: keys.pagerduty, padding: "x".repeat(300 * 1024) }),
    route: (r) => pagerDutyRoute(r, noParams),
  },
];
const params = (ref: string) => ({ params: Promise.resolve({ ref }) });
const noParams = { params: Promise.resolve({}) };

describe("the alert receivers outside Next", () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7])("answer a refusal as the route handler does (case %i)", async (index) => {
    const refusal = cases()[index] as TCase;
    const body = typeof refusal.body === "function" ? refusal.body() : refusal.body;
    const headers = { "content-type": "application/json", ...refusal.headers };
    const plain = await fetch(`${origin}${refusal.path}`, { method: "POST", headers, body });
    const routed = await refusal.route(new Request(`http://localhost${refusal.path}`, { method: "POST", headers, body }));

    expect(plain.status, refusal.name).toBe(routed.status);
    expect(plain.status, refusal.name).toBeGreaterThanOrEqual(400);
    expect(await plain.json(), refusal.name).toEqual(await routed.json());
  });

  it("store an accepted delivery and answer with what it did, with the API's headers", async () => {
    const response = await fetch(`${origin}/api/integrations/${keys.generic}/alerts`, { method: "POST", body: generic("stored-by-plain") });

    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({
      status: "accepted",
      alerts: 1,
      firing: 1,
      duplicate: false,
      incidents: [expect.stringMatching(/^INC-\d+$/)],
    });
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "same-origin",
    });
    expect(await db().alert.count({ where: { dedupKey: "stored-by-plain", integration: { key: keys.generic } } })).toBe(1);

    const bearer = await fetch(`${origin}/api/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${keys.generic}` },
      body: generic("stored-by-plain"),
    });
    expect(await bearer.json()).toMatchObject({ status: "accepted", firing: 1 });
    expect((await db().alert.findFirst({ where: { dedupKey: "stored-by-plain", integration: { key: keys.generic } } }))?.occurrences).toBe(2);
  });

  it("answer a PagerDuty event in PagerDuty's shape", async () => {
    const event = {
      routing_key: keys.pagerduty,
      event_action: "trigger",
      dedup_key: "plain-pd",
      payload: { summary: "Disk full", source: "db-1", severity: "critical" },
    };
    const response = await fetch(`${origin}/api/pagerduty/v2/enqueue`, { method: "POST", body: JSON.stringify(event) });

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: "success", message: "Event processed", dedup_key: "plain-pd" });
  });

  it.each([
    ["GET", "/api/ingest"],
    ["POST", "/api/ingest/"],
    ["POST", "/api/ingest?debug=1"],
    ["POST", `/api/integrations/${"k".repeat(30)}/alerts/extra`],
    ["POST", "/api/integrations/"],
    ["POST", "/api/integrations/fbi_%00abcabcabcabcabcabcabc/alerts"],
    ["POST", "/api/integrations/%2e%2e/alerts"],
    ["PUT", "/api/pagerduty/v2/enqueue"],
  ])("leave %s %s to Next", async (method, path) => {
    const response = await fetch(`${origin}${path}`, { method, ...(method === "GET" ? {} : { body: "{}" }) });
    expect(response.status).toBe(418);
  });
});
