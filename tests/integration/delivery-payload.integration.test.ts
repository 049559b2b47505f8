import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { GET as payloadRoute } from "@/app/api/deliveries/[id]/payload/route";
import { POST as createIntegrationRoute } from "@/app/api/integrations/route";
import { POST as pagerDutyRoute } from "@/app/api/pagerduty/v2/enqueue/route";
import { db } from "@/lib/db/prisma";
import { createTestUserWithToken } from "@/lib/testing/factories";

const fixture = readFileSync(path.join(import.meta.dirname, "../../fixtures/alerts/pagerduty-events-v2-trigger.json"), "utf8");
const params = <T>(value: T) => ({ params: Promise.resolve(value) });
type TCaller = Awaited<ReturnType<typeof createTestUserWithToken>>;
let admin: TCaller;
let viewer: TCaller;
let integration: { id: string; key: string };

beforeAll(async () => {
  [admin, viewer] = await Promise.all([createTestUserWithToken("admin"), createTestUserWithToken("viewer")]);
  const created = await createIntegrationRoute(
    new Request("http://localhost/api/integrations", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ name: "PagerDuty-style sender", source: "pagerduty" }),
    }),
    params({}),
  );
  integration = (await created.json()) as { id: string; key: string };
});

const enqueue = (body: string) => pagerDutyRoute(new Request("http://localhost/v2/enqueue", { method: "POST", headers: { "content-type": "application/json" }, body }), params({}));
const readPayload = (caller: TCaller, id: bigint) =>
  payloadRoute(new Request(`http://localhost/api/deliveries/${id}/payload`, { headers: { authorization: `Bearer ${caller.token}` } }), params({ id: id.toString() }));

it("never stores or shows an integration key that came inside a payload, and shows rejected payloads to admins only", async () => {
  const event = { ...JSON.parse(fixture), routing_key: integration.key };
  expect((await enqueue(JSON.stringify(event))).status).toBe(202);
  expect((await enqueue(JSON.stringify({ routing_key: integration.key, event_action: "trigger" }))).status).toBe(400);

  const deliveries = await db().alertDelivery.findMany({ where: { integrationId: integration.id }, orderBy: { id: "asc" } });
  expect(deliveries.map((delivery) => delivery.accepted)).toEqual([true, false]);
  for (const delivery of deliveries) expect(delivery.body).not.toContain(integration.key);
  const [accepted, rejected] = deliveries as [(typeof deliveries)[number], (typeof deliveries)[number]];

  // A viewer reads what monitoring sent for an alert, without the key that would let them post alerts.
  const shown = await readPayload(viewer, accepted.id);
  expect(shown.status).toBe(200);
  const text = await shown.text();
  expect(text).not.toContain(integration.key);
  expect(JSON.parse(text)).toMatchObject({ event_action: "trigger", routing_key: "[redacted by Firebreak]" });

  // A rejected delivery is for the admins who look after the integration.
  expect((await readPayload(viewer, rejected.id)).status).toBe(404);
  expect((await readPayload(admin, rejected.id)).status).toBe(200);
});
