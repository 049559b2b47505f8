import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { POST as pushRoute } from "@/app/api/slos/[id]/sli/route";
import { createService } from "@/lib/catalog/service";
import { db } from "@/lib/db/prisma";
import { createSlo } from "@/lib/slo/service";
import { apiRequest, routeParams } from "@/lib/testing/api-request";
import { createTestUser, createTestUserWithToken } from "@/lib/testing/factories";

// README: an SLI push takes up to 10,000 minutes. Real senders write ISO minutes with milliseconds
// and counts in the billions: 10,000 of those are well over the 256 KiB other bodies may have.
let token: string;
let sloId: string;

beforeAll(async () => {
  const [admin, responder] = await Promise.all([createTestUser("admin"), createTestUserWithToken("responder")]);
  token = responder.token;
  const service = await createService(admin, { name: `SLI push size ${randomUUID()}`, ownerTeam: "Core", description: "" });
  sloId = (
    await createSlo(responder.actor, { serviceId: service.id, name: "edge availability", kind: "availability", objectivePercent: 99.9, window: "rolling_30d" })
  ).id;
});

/** `count` minutes back from the last complete one, busy ones: some 1.2 billion requests a minute. */
function buckets(count: number) {
  const lastMinute = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  return Array.from({ length: count }, (_, index) => ({
    minute: new Date(lastMinute - index * 60_000).toISOString(),
    good: 1_234_567_890 - (index % 7),
    total: 1_234_567_890,
  }));
}

const push = (body: string) => pushRoute(apiRequest("POST", `/api/slos/${sloId}/sli`, token, undefined, body), routeParams({ id: sloId }));

it("stores a push of 10,000 minutes, pretty-printed, and refuses 10,001 naming the limit", async () => {
  const body = JSON.stringify({ buckets: buckets(10_000) }, null, 2);
  expect(Buffer.byteLength(body)).toBeGreaterThan(256 * 1024);
  const accepted = await push(body);
  expect(accepted.status).toBe(200);
  expect(await accepted.json()).toEqual({ stored: 10_000 });
  expect(await db().sliBucket.count({ where: { sloId } })).toBe(10_000);

  const tooMany = await push(JSON.stringify({ buckets: buckets(10_001) }));
  expect(tooMany.status).toBe(400);
  expect(await tooMany.json()).toMatchObject({ error: "invalid_request", issues: [{ path: "buckets", message: expect.stringMatching(/10000/) }] });
}, 60_000);

it("refuses a body larger than an SLI push can be with 413", async () => {
  const response = await push(JSON.stringify({ buckets: buckets(10_000), padding: "x".repeat(2 * 1024 * 1024) }));
  expect(response.status).toBe(413);
  expect(await response.json()).toMatchObject({ error: "too_large", message: "The body is larger than 2 MiB" });
});
