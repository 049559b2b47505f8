import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { publicUrl } from "@/lib/http/public-url";
import { declareIncident } from "@/lib/incidents/service";
import { incidentReference } from "@/lib/incidents/rules";
import { createTestUser } from "@/lib/testing/factories";
import { deliverDueWebhooks } from "./dispatcher";
import { createOutgoingWebhook, publishStakeholderUpdate } from "./service";

type TSlackBody = { text: string; blocks: ({ text: { text: string } } | { elements: { text: string }[] })[] };

let admin: TActor;
let comms: TActor;
const received = new Map<string, TSlackBody>();
let receiver: Server;
let base: string;

beforeAll(async () => {
  [admin, comms] = await Promise.all([createTestUser("admin"), createTestUser("responder", "<!everyone> Comms")]);
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.set(request.url ?? "", JSON.parse(body) as TSlackBody);
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

it("delivers a stakeholder update about an incident with a hostile title to Slack as escaped text, linking only to Firebreak", async () => {
  const tag = Date.now().toString(36);
  await createOutgoingWebhook(admin, { name: `slack ${tag}`, kind: "slack", url: `${base}/slack-${tag}` });
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

  // Other tests' deliveries may be due too; ours is the one we wait for.
  for (let round = 0; round < 5 && !received.has(`/slack-${tag}`); round++) await deliverDueWebhooks(new Date(now.getTime() + round * 200_000));
  const delivery = await db().outgoingWebhookDelivery.findFirstOrThrow({ where: { updateId: update.id } });
  expect(delivery.status).toBe("delivered");

  const body = received.get(`/slack-${tag}`) as TSlackBody;
  const texts = [body.text, ...body.blocks.flatMap((block) => ("text" in block ? [block.text.text] : block.elements.map((element) => element.text)))];
  const reference = incidentReference(incident.number);
  const controlSequences = texts.flatMap((text) => [...text.matchAll(/<([^>]*)>/g)].map((match) => match[1]));
  expect(controlSequences).toEqual([
    `${publicUrl(`/incidents/${reference}`)}|${reference} &lt;!channel&gt; DB down &lt;http://evil.example/login|sign in again&gt;`,
  ]);
  expect(body.text).toBe(`[SEV2] ${reference} &lt;!channel&gt; DB down &lt;http://evil.example/login|sign in again&gt;: investigating`);
  expect(texts.join("\n")).toContain("*Impact:* &lt;@U024BE7LH&gt; &amp; friends\n&lt;!here&gt; read &lt;https://evil.example|the status page&gt;");
  expect(texts.join("\n")).toContain("Posted by &lt;!everyone&gt; Comms in Firebreak");
});
