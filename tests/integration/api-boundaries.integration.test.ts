import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listActionItemsRoute } from "@/app/api/action-items/route";
import { POST as acknowledgeAlertRoute } from "@/app/api/alerts/[id]/acknowledge/route";
import { GET as listAlertsRoute } from "@/app/api/alerts/route";
import { GET as deliveryPayloadRoute } from "@/app/api/deliveries/[id]/payload/route";
import { POST as acknowledgeIncidentRoute } from "@/app/api/incidents/[ref]/acknowledge/route";
import { GET as incidentRoute } from "@/app/api/incidents/[ref]/route";
import { DELETE as removeSloImpactRoute } from "@/app/api/incidents/[ref]/slos/[sloId]/route";
import { GET as incidentSlosRoute } from "@/app/api/incidents/[ref]/slos/route";
import { GET as timelineRoute } from "@/app/api/incidents/[ref]/timeline/route";
import { POST as declareRoute, GET as listIncidentsRoute } from "@/app/api/incidents/route";
import { POST as ingestRoute } from "@/app/api/ingest/route";
import { POST as webhookRoute } from "@/app/api/integrations/[ref]/alerts/route";
import { GET as integrationDeliveriesRoute } from "@/app/api/integrations/[ref]/route";
import { POST as pagerDutyRoute } from "@/app/api/pagerduty/v2/enqueue/route";
import { GET as exportRoute } from "@/app/api/postmortems/[id]/export/route";
import { POST as regenerateRoute } from "@/app/api/postmortems/[id]/regenerate/route";
import { GET as postmortemRoute } from "@/app/api/postmortems/[id]/route";
import { GET as listPostmortemsRoute } from "@/app/api/postmortems/route";
import { DELETE as deleteSloRoute, GET as sloRoute } from "@/app/api/slos/[id]/route";
import { GET as listSlosRoute } from "@/app/api/slos/route";
import { DELETE as revokeTokenRoute } from "@/app/api/tokens/[id]/route";
import { PATCH as updateUserRoute } from "@/app/api/users/[id]/route";
import { createIntegration } from "@/lib/alerts/integrations";
import { db } from "@/lib/db/prisma";
import { declareIncident } from "@/lib/incidents/service";
import { incidentReference } from "@/lib/incidents/rules";
import { apiRequest, routeParams } from "@/lib/testing/api-request";
import { createTestUserWithToken } from "@/lib/testing/factories";

type THandler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
const handler = (route: unknown) => route as THandler;
const NUL = "\u0000";

let admin: Awaited<ReturnType<typeof createTestUserWithToken>>;
let incidentRef: string;

beforeAll(async () => {
  admin = await createTestUserWithToken("admin");
  incidentRef = incidentReference((await declareIncident(admin.actor, { title: "Holds an SLO impact", severity: "SEV4", serviceIds: [], summary: "" })).number);
});

describe("a NUL character, which PostgreSQL cannot store in text", () => {
  // [route, method, path, params, body]
  const inPaths: [string, THandler, string, string, () => Record<string, string>, unknown?][] = [
    ["GET /api/incidents/{ref}", handler(incidentRoute), "GET", "/api/incidents/%00", () => ({ ref: NUL })],
    ["GET /api/incidents/{ref}/timeline", handler(timelineRoute), "GET", "/api/incidents/%00/timeline", () => ({ ref: NUL })],
    ["GET /api/incidents/{ref}/slos", handler(incidentSlosRoute), "GET", "/api/incidents/%00/slos", () => ({ ref: NUL })],
    ["POST /api/incidents/{ref}/acknowledge", handler(acknowledgeIncidentRoute), "POST", "/api/incidents/%00/acknowledge", () => ({ ref: NUL })],
    [
      "DELETE /api/incidents/{ref}/slos/{sloId}",
      handler(removeSloImpactRoute),
      "DELETE",
      "/api/incidents/x/slos/%00",
      () => ({ ref: incidentRef, sloId: NUL }),
    ],
    ["GET /api/slos/{id}", handler(sloRoute), "GET", "/api/slos/%00", () => ({ id: NUL })],
    ["DELETE /api/slos/{id}", handler(deleteSloRoute), "DELETE", "/api/slos/%00", () => ({ id: NUL })],
    ["GET /api/postmortems/{id}", handler(postmortemRoute), "GET", "/api/postmortems/%00", () => ({ id: NUL })],
    ["GET /api/postmortems/{id}/export", handler(exportRoute), "GET", "/api/postmortems/%00/export", () => ({ id: NUL })],
    ["POST /api/postmortems/{id}/regenerate", handler(regenerateRoute), "POST", "/api/postmortems/%00/regenerate", () => ({ id: NUL })],
    ["GET /api/integrations/{id}", handler(integrationDeliveriesRoute), "GET", "/api/integrations/%00", () => ({ ref: NUL })],
    ["DELETE /api/tokens/{id}", handler(revokeTokenRoute), "DELETE", "/api/tokens/%00", () => ({ id: NUL })],
    ["POST /api/alerts/{id}/acknowledge", handler(acknowledgeAlertRoute), "POST", "/api/alerts/%00/acknowledge", () => ({ id: NUL })],
    ["PATCH /api/users/{id}", handler(updateUserRoute), "PATCH", "/api/users/%00", () => ({ id: NUL }), { role: "viewer" }],
    ["GET /api/deliveries/{id}/payload", handler(deliveryPayloadRoute), "GET", "/api/deliveries/%00/payload", () => ({ id: NUL })],
  ];

  it.each(inPaths)("in the id of %s is a 400 naming it", async (_name, route, method, path, params, body) => {
    const response = await route(apiRequest(method, path, admin.token, body), routeParams(params() as never));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request", issues: [{ path: Object.keys(params()).find((key) => params()[key] === NUL) }] });
  });

  const inQueries: [string, THandler, string][] = [
    ["GET /api/incidents?service=", handler(listIncidentsRoute), "/api/incidents?service=%00"],
    ["GET /api/postmortems?q=", handler(listPostmortemsRoute), "/api/postmortems?q=%00"],
    ["GET /api/alerts?service=", handler(listAlertsRoute), "/api/alerts?service=%00"],
    ["GET /api/action-items?ownerId=", handler(listActionItemsRoute), "/api/action-items?ownerId=%00"],
    ["GET /api/slos?serviceId=", handler(listSlosRoute), "/api/slos?serviceId=%00"],
  ];

  it.each(inQueries)("in the query of %s is a 400 naming the parameter", async (name, route, path) => {
    const response = await route(apiRequest("GET", path, admin.token), routeParams({} as never));
    expect(response.status).toBe(400);
    const parameter = name.slice(name.indexOf("?") + 1, -1);
    expect(await response.json()).toMatchObject({ error: "invalid_request", issues: [{ path: parameter }] });
  });

  it("in a JSON body is a 400 naming the field", async () => {
    const response = await declareRoute(
      apiRequest("POST", "/api/incidents", admin.token, { title: `Checkout${NUL} 502s`, severity: "SEV3" }),
      routeParams({} as never),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request", issues: [{ path: "title", message: expect.stringMatching(/NUL/) }] });
  });
});

describe("JSON nested deeper than anyone writes", () => {
  it("is a 400 before anything walks it", async () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const response = await declareRoute(
      apiRequest("POST", "/api/incidents", admin.token, undefined, `{"title":"Deep","severity":"SEV3","summary":${deep}}`),
      routeParams({} as never),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_json", message: expect.stringMatching(/nested deeper than 100/) });
  });
});

describe("the alert receivers", () => {
  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
      duplex: "half",
    } as RequestInit);

  async function integrationOf(source: "pagerduty" | "generic") {
    return createIntegration(admin.actor, { name: `boundaries ${source} ${randomUUID()}`, source, defaultServiceId: null, defaultSeverity: "SEV3" });
  }

  const rejectedDeliveries = (integrationId: string) =>
    db().alertDelivery.findMany({ where: { integrationId, accepted: false }, select: { httpStatus: true, reason: true } });

  it("refuse a PagerDuty event nested 100,000 levels deep with a 400, and list it as a rejected delivery", async () => {
    const { id, key } = await integrationOf("pagerduty");
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const event = JSON.stringify({
      routing_key: key,
      event_action: "trigger",
      payload: { summary: "Deep details", source: "db-1", severity: "critical", custom_details: { nested: "DEEP" } },
    }).replace('"DEEP"', deep);
    const response = await pagerDutyRoute(post("/v2/enqueue", event), routeParams({} as never));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: "invalid event", errors: [expect.stringMatching(/nested deeper than 100 levels/)] });
    expect(await rejectedDeliveries(id)).toEqual([{ httpStatus: 400, reason: expect.stringMatching(/nested deeper than 100 levels/) }]);
  });

  it("refuse a NUL character in a payload's strings, or as a raw byte, and list both as rejected deliveries", async () => {
    const { id, key } = await integrationOf("generic");
    const escaped = JSON.stringify({ dedupKey: "nul-in-title", status: "firing", title: `Disk${NUL} full` });
    const escapedResponse = await webhookRoute(post(`/api/integrations/${key}/alerts`, escaped), routeParams({ ref: key }));
    expect(escapedResponse.status).toBe(400);
    expect(await escapedResponse.json()).toMatchObject({ error: "rejected", message: expect.stringMatching(/^title: must not contain a NUL/) });
    const raw = await webhookRoute(post(`/api/integrations/${key}/alerts`, `{"dedupKey":"raw-nul","title":"a${NUL}b"}`), routeParams({ ref: key }));
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ error: "rejected", message: "The body is not valid JSON" });
    expect(await rejectedDeliveries(id)).toEqual(
      expect.arrayContaining([
        { httpStatus: 400, reason: expect.stringMatching(/^title: must not contain a NUL/) },
        { httpStatus: 400, reason: "The body is not valid JSON" },
      ]),
    );
  });

  // A body that breaks off mid-stream (the sender went away) is a failure nobody planned for.
  const brokenBody = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.error(new Error("the connection was reset"));
      },
    });

  it("answer an unexpected failure with the API's JSON error, in each receiver's own shape", async () => {
    const { key } = await integrationOf("generic");
    const webhook = await webhookRoute(post(`/api/integrations/${key}/alerts`, brokenBody()), routeParams({ ref: key }));
    expect(webhook.status).toBe(500);
    expect(await webhook.json()).toEqual({ error: "internal", message: expect.any(String) });
    const ingest = await ingestRoute(post("/api/ingest", brokenBody(), { authorization: `Bearer ${key}` }), routeParams({} as never));
    expect(ingest.status).toBe(500);
    expect(await ingest.json()).toEqual({ error: "internal", message: expect.any(String) });
    const pagerDuty = await pagerDutyRoute(post("/v2/enqueue", brokenBody()), routeParams({} as never));
    expect(pagerDuty.status).toBe(500);
    expect(await pagerDuty.json()).toEqual({ status: "error", message: expect.any(String), errors: [expect.any(String)] });
  });
});
