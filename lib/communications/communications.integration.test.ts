import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { declareIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { deliverDueWebhooks } from "./dispatcher";
import { createOutgoingWebhook, publishStakeholderUpdate } from "./service";

let admin: TActor;
let comms: TActor;
const received: { path: string; body: unknown }[] = [];
let receiver: Server;
let base: string;

beforeAll(async () => {
  [admin, comms] = await Promise.all([createTestUser("admin"), createTestUser("responder", "Comms Lead")]);
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", body: JSON.parse(body) });
      response.statusCode = request.url?.startsWith("/broken") ? 500 : 200;
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

it("publishes an update on the timeline and delivers it to Slack-compatible and generic receivers, retrying a failing one without affecting the incident", async () => {
  const tag = Date.now().toString(36);
  const slack = await createOutgoingWebhook(admin, { name: `slack ${tag}`, kind: "slack", url: `${base}/slack-${tag}` });
  const generic = await createOutgoingWebhook(admin, { name: `generic ${tag}`, kind: "generic", url: `${base}/generic-${tag}` });
  const broken = await createOutgoingWebhook(admin, { name: `broken ${tag}`, kind: "generic", url: `${base}/broken-${tag}` });
  const incident = await declareIncident(comms, { title: "Checkout 502s", severity: "SEV1", serviceIds: [], summary: "" });

  const now = new Date();
  const update = await publishStakeholderUpdate(
    comms,
    incident.id,
    { status: "identified", impact: "Card payments fail for 40% of customers", message: "Failing over to the backup acquirer.", nextUpdateInMinutes: 30 },
    now,
  );
  expect(update.nextUpdateAt?.getTime()).toBe(now.getTime() + 30 * 60_000);
  const entry = await db().timelineEntry.findFirstOrThrow({ where: { incidentId: incident.id, kind: "stakeholder_update" } });
  expect(entry.body).toBe("Failing over to the backup acquirer.");

  // Other tests' deliveries may be due too; ours are what we look at.
  for (let round = 0; round < 5; round++) await deliverDueWebhooks(new Date(now.getTime() + round * 200_000));
  const deliveries = await db().outgoingWebhookDelivery.findMany({ where: { updateId: update.id } });
  const byWebhook = (id: string) => deliveries.find((delivery) => delivery.webhookId === id);
  expect(byWebhook(slack.id)).toMatchObject({ status: "delivered", attempts: 1, httpStatus: 200 });
  expect(byWebhook(generic.id)).toMatchObject({ status: "delivered", attempts: 1 });
  expect(byWebhook(broken.id)).toMatchObject({ status: "failed", attempts: 5, httpStatus: 500, lastError: "HTTP 500" });

  const slackBody = received.find((request) => request.path === `/slack-${tag}`)?.body as { text: string };
  expect(slackBody.text).toMatch(/^\[SEV1\] INC-\d+ Checkout 502s: identified$/);
  const genericBody = received.find((request) => request.path === `/generic-${tag}`)?.body;
  expect(genericBody).toMatchObject({ event: "stakeholder_update", update: { impact: "Card payments fail for 40% of customers", author: "Comms Lead" } });
  expect(received.filter((request) => request.path === `/broken-${tag}`)).toHaveLength(5);

  // The failing receiver changed nothing about the incident.
  expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("declared");
});
