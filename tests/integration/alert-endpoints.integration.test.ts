import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as acknowledgeAlertRoute } from "@/app/api/alerts/[id]/acknowledge/route";
import { POST as ingestRoute } from "@/app/api/ingest/route";
import { POST as webhookRoute } from "@/app/api/integrations/[ref]/alerts/route";
import { POST as rotateRoute } from "@/app/api/integrations/[ref]/rotate/route";
import { POST as createIntegrationRoute } from "@/app/api/integrations/route";
import { POST as pagerDutyRoute } from "@/app/api/pagerduty/v2/enqueue/route";
import { createService } from "@/lib/catalog/service";
import { db } from "@/lib/db/prisma";
import { createTestUserWithToken } from "@/lib/testing/factories";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../../fixtures/alerts", name), "utf8");
type TCaller = Awaited<ReturnType<typeof createTestUserWithToken>>;
let admin: TCaller;
let responder: TCaller;

beforeAll(async () => {
  [admin, responder] = await Promise.all([createTestUserWithToken("admin"), createTestUserWithToken("responder")]);
});

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${url}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

async function createIntegrationAs(caller: TCaller, source: string) {
  return createIntegrationRoute(
    post("/api/integrations", JSON.stringify({ name: `${source} endpoint test`, source }), { authorization: `Bearer ${caller.token}` }),
    params({}),
  );
}

describe("integrations API", () => {
  it("is for admins only", async () => {
    expect((await createIntegrationAs(responder, "alertmanager")).status).toBe(403);
    const created = await createIntegrationAs(admin, "alertmanager");
    expect(created.status).toBe(201);
    expect((await created.json()).webhookUrl).toMatch(/\/api\/integrations\/fbi_[\w-]+\/alerts$/);
  });

  it("stops the old key at once when it is rotated", async () => {
    const { id, key } = await (await createIntegrationAs(admin, "generic")).json();
    const alert = JSON.stringify({ dedupKey: "rotate-me", status: "firing", title: "Rotation test", severity: "info" });
    expect((await webhookRoute(post(`/api/integrations/${key}/alerts`, alert), params({ ref: key }))).status).toBe(202);
    const rotated = await (
      await rotateRoute(post(`/api/integrations/${id}/rotate`, "", { authorization: `Bearer ${admin.token}` }), params({ ref: id }))
    ).json();
    expect(rotated.key).not.toBe(key);
    const before = await db().alertDelivery.count({ where: { integrationId: id } });
    expect((await webhookRoute(post(`/api/integrations/${key}/alerts`, alert), params({ ref: key }))).status).toBe(404);
    expect(await db().alertDelivery.count({ where: { integrationId: id } })).toBe(before);
    expect((await webhookRoute(post(`/api/integrations/${rotated.key}/alerts`, alert), params({ ref: rotated.key }))).status).toBe(202);
  });
});

describe("receivers", () => {
  it("accepts the key as a Bearer token and refuses a missing one", async () => {
    const { key } = await (await createIntegrationAs(admin, "generic")).json();
    expect((await ingestRoute(post("/api/ingest", fixture("generic-firing.json")), params({}))).status).toBe(401);
    expect(
      (await ingestRoute(post("/api/ingest", fixture("generic-firing.json"), { authorization: "Bearer fbi_wrongwrongwrongwrongwrong" }), params({}))).status,
    ).toBe(404);
    const accepted = await ingestRoute(post("/api/ingest", fixture("generic-firing.json"), { authorization: `Bearer ${key}` }), params({}));
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toMatchObject({ status: "accepted", alerts: 1, firing: 1 });
  });

  it("answers PagerDuty senders the way PagerDuty does, with a generated dedup_key when none was sent", async () => {
    const { key } = await (await createIntegrationAs(admin, "pagerduty")).json();
    const { dedup_key: _key, ...event } = { ...JSON.parse(fixture("pagerduty-events-v2-trigger.json")), routing_key: key };
    const triggered = await pagerDutyRoute(post("/v2/enqueue", JSON.stringify(event)), params({}));
    expect(triggered.status).toBe(202);
    const body = await triggered.json();
    expect(body).toMatchObject({ status: "success", message: "Event processed", dedup_key: expect.any(String) });
    const resolved = await pagerDutyRoute(
      post("/v2/enqueue", JSON.stringify({ routing_key: key, event_action: "resolve", dedup_key: body.dedup_key })),
      params({}),
    );
    expect(resolved.status).toBe(202);
    expect((await db().alert.findFirstOrThrow({ where: { dedupKey: body.dedup_key } })).status).toBe("resolved");
    const invalid = await pagerDutyRoute(post("/v2/enqueue", JSON.stringify({ routing_key: key, event_action: "trigger" })), params({}));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ status: "invalid event", errors: [expect.stringMatching(/payload/)] });
  });

  it("answers a PagerDuty-style integration in PagerDuty's shape on the webhook URL too, and an unknown key in the API's", async () => {
    const { key } = await (await createIntegrationAs(admin, "pagerduty")).json();
    const invalid = await webhookRoute(
      post(`/api/integrations/${key}/alerts`, JSON.stringify({ routing_key: key, event_action: "trigger" })),
      params({ ref: key }),
    );
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ status: "invalid event", message: "Event object is invalid", errors: [expect.stringMatching(/payload/)] });
    const wrongKey = "fbi_wrongwrongwrongwrongwrong";
    const unknown = await webhookRoute(post(`/api/integrations/${wrongKey}/alerts`, "{}"), params({ ref: wrongKey }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "not_found", message: "Unknown integration key" });
  });

  it("does not let another kind of integration's key in through the PagerDuty endpoint", async () => {
    const { id, key } = await (await createIntegrationAs(admin, "alertmanager")).json();
    const response = await pagerDutyRoute(
      post("/v2/enqueue", JSON.stringify({ ...JSON.parse(fixture("pagerduty-events-v2-trigger.json")), routing_key: key })),
      params({}),
    );
    expect(response.status).toBe(404);
    expect(await db().alertDelivery.count({ where: { integrationId: id } })).toBe(0);
  });

  it("matches a service named by the alert, and acknowledging the alert acknowledges its incident", async () => {
    const actor = { ...admin.actor };
    const service =
      (await db().service.findUnique({ where: { slug: "checkout-api" } })) ??
      (await createService(actor, { name: "Checkout API", slug: "checkout-api", ownerTeam: "Payments", description: "" }));
    const { key } = await (await createIntegrationAs(admin, "grafana")).json();
    const response = await webhookRoute(post(`/api/integrations/${key}/alerts`, fixture("grafana-11-firing.json")), params({ ref: key }));
    expect(response.status).toBe(202);
    const alert = await db().alert.findFirstOrThrow({
      where: { integration: { key }, dedupKey: "b0d3e1a9f2c7d415" },
      include: { incident: { include: { services: true } } },
    });
    expect(alert.serviceId).toBe(service.id);
    expect(alert.severity).toBe("SEV2");
    expect(alert.incident?.services.map((link) => link.serviceId)).toEqual([service.id]);

    const acknowledged = await acknowledgeAlertRoute(
      post(`/api/alerts/${alert.id}/acknowledge`, "", { authorization: `Bearer ${responder.token}` }),
      params({ id: alert.id }),
    );
    expect(acknowledged.status).toBe(200);
    const incident = await db().incident.findUniqueOrThrow({ where: { id: alert.incidentId as string }, include: { timeline: true } });
    expect(incident.acknowledgedById).toBe(responder.actor.id);
    expect(incident.timeline.filter((entry) => entry.kind === "acknowledged")).toHaveLength(1);
  });
});
