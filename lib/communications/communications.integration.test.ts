import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { publicUrl } from "@/lib/http/public-url";
import { incidentReference } from "@/lib/incidents/rules";
import { metrics } from "@/lib/metrics/registry";
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
  const counted = async () => ({
    attempts: (await metrics().webhookAttempts.get()).values[0]?.value ?? 0,
    failures: (await metrics().webhookFailures.get()).values[0]?.value ?? 0,
  });
  const countedBefore = await counted();
  for (let round = 0; round < 5; round++) await deliverDueWebhooks(new Date(now.getTime() + round * 200_000));
  // At least ours: two delivered at once, five failed attempts at the broken receiver.
  const countedAfter = await counted();
  expect(countedAfter.attempts - countedBefore.attempts).toBeGreaterThanOrEqual(7);
  expect(countedAfter.failures - countedBefore.failures).toBeGreaterThanOrEqual(5);
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

// In this file, not beside it: every update goes to every webhook, so two files publishing at once
// would each send to the other's receivers.
it("delivers an update about an incident with a hostile title to Slack as escaped text, linking only to Firebreak", async () => {
  const tag = `hostile-${Date.now().toString(36)}`;
  const slack = await createOutgoingWebhook(admin, { name: `slack ${tag}`, kind: "slack", url: `${base}/slack-${tag}` });
  const incident = await declareIncident(comms, {
    title: "<!channel> DB down <http://evil.example/login|sign in again>",
    severity: "SEV2",
    serviceIds: [],
    summary: "",
  });
  const now = new Date();
  const update = await publishStakeholderUpdate(
    comms,
    incident.id,
    { status: "investigating", impact: "<@U024BE7LH> & friends", message: "<!here> read <https://evil.example|the status page>", nextUpdateInMinutes: 0 },
    now,
  );
  await deliverDueWebhooks(now);
  const delivery = await db().outgoingWebhookDelivery.findFirstOrThrow({ where: { updateId: update.id, webhookId: slack.id } });
  expect(delivery).toMatchObject({ status: "delivered", attempts: 1 });

  type TSlackBody = { text: string; blocks: { text?: { text: string }; elements?: { text: string }[] }[] };
  const body = received.find((request) => request.path === `/slack-${tag}`)?.body as TSlackBody;
  const texts = [
    body.text,
    ...body.blocks.flatMap((block) => [...(block.text ? [block.text.text] : []), ...(block.elements ?? []).map((element) => element.text)]),
  ];
  const reference = incidentReference(incident.number);
  // Slack's control sequences are <…>: the one left is the link to the incident's own page.
  const controlSequences = texts.flatMap((text) => [...text.matchAll(/<([^>]*)>/g)].map((match) => match[1]));
  expect(controlSequences).toEqual([
    `${publicUrl(`/incidents/${reference}`)}|${reference} &lt;!channel&gt; DB down &lt;http://evil.example/login|sign in again&gt;`,
  ]);
  expect(body.text).toBe(`[SEV2] ${reference} &lt;!channel&gt; DB down &lt;http://evil.example/login|sign in again&gt;: investigating`);
  expect(texts.join("\n")).toContain("*Impact:* &lt;@U024BE7LH&gt; &amp; friends\n&lt;!here&gt; read &lt;https://evil.example|the status page&gt;");
  expect(texts.join("\n")).toContain("Posted by Comms Lead in Firebreak");
});
