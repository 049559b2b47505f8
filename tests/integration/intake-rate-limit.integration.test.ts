import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as ingestRoute } from "@/app/api/ingest/route";
import { GET as integrationRoute } from "@/app/api/integrations/[ref]/route";
import { POST as webhookRoute } from "@/app/api/integrations/[ref]/alerts/route";
import { POST as pagerDutyRoute } from "@/app/api/pagerduty/v2/enqueue/route";
import { admitDelivery } from "@/lib/alerts/intake-rate";
import { createIntegration } from "@/lib/alerts/integrations";
import { intakeRefusals } from "@/lib/alerts/queries";
import { receiveAlertWebhook } from "@/lib/alerts/receive";
import type { AlertSource } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db/prisma";
import { resetServerEnvForTests } from "@/lib/env/server-env";
import { webhookAnswer } from "@/lib/alerts/webhook-response";
import { createTestUserWithToken } from "@/lib/testing/factories";

// Three deliveries a minute per integration, for this file only. The receivers read the limit from
// the settings, which are parsed once: reset so that they read it again.
const LIMIT = 3;
const previousLimit = process.env.FIREBREAK_INTAKE_PER_MINUTE;
process.env.FIREBREAK_INTAKE_PER_MINUTE = String(LIMIT);
resetServerEnvForTests();
afterAll(() => {
  if (previousLimit === undefined) delete process.env.FIREBREAK_INTAKE_PER_MINUTE;
  else process.env.FIREBREAK_INTAKE_PER_MINUTE = previousLimit;
  resetServerEnvForTests();
});

type TCaller = Awaited<ReturnType<typeof createTestUserWithToken>>;
let admin: TCaller;
beforeAll(async () => {
  admin = await createTestUserWithToken("admin");
});

const newIntegration = (source: AlertSource) =>
  createIntegration(admin.actor, { name: `rate ${source} ${Math.random().toString(36).slice(2, 8)}`, source, defaultServiceId: null, defaultSeverity: "SEV3" });
// A resolution of an alert nobody has seen: accepted, and it opens nothing.
const resolution = (tag: string) => JSON.stringify({ dedupKey: `rate-${tag}`, status: "resolved", title: "Rate limit test", severity: "info" });
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${url}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
const params = <T>(value: T) => ({ params: Promise.resolve(value) });
const deliveriesOf = (integrationId: string) => db().alertDelivery.count({ where: { integrationId } });

describe("the intake rate limit", () => {
  it("refuses an integration's deliveries over the limit with 429 until the next minute, stores none of them, and leaves other integrations alone", async () => {
    const [flooded, other] = await Promise.all([newIntegration("generic"), newIntegration("generic")]);
    const minuteStart = Date.parse("2031-05-05T10:00:00Z");
    const at = (ms: number) => ({ now: new Date(minuteStart + ms) });

    // Rejected deliveries count too: the flood this guards against is of invalid payloads.
    const first = [
      await receiveAlertWebhook(flooded.key, resolution("a"), undefined, at(1_000)),
      await receiveAlertWebhook(flooded.key, "{not json", undefined, at(2_000)),
      await receiveAlertWebhook(flooded.key, resolution("b"), undefined, at(3_000)),
    ];
    expect(first.map((received) => received?.outcome.httpStatus)).toEqual([202, 400, 202]);

    const refused = await receiveAlertWebhook(flooded.key, resolution("c"), undefined, at(10_200));
    expect(refused?.outcome).toMatchObject({ accepted: false, httpStatus: 429, retryAfterSeconds: 50 });
    // The receivers throw it for apiRoute to answer: 429, Retry-After: 50, {error: "rate_limited", message} (see below).
    expect(() => webhookAnswer("generic", refused?.outcome as NonNullable<typeof refused>["outcome"])).toThrow(
      expect.objectContaining({
        status: 429,
        code: "rate_limited",
        retryAfterSeconds: 50,
        message: expect.stringMatching(/3 deliveries this minute.*retry in 50 s/),
      }),
    );
    expect((await receiveAlertWebhook(flooded.key, "{not json", undefined, at(59_500)))?.outcome).toMatchObject({ httpStatus: 429, retryAfterSeconds: 1 });
    expect(await deliveriesOf(flooded.id)).toBe(3);

    expect((await receiveAlertWebhook(other.key, resolution("d"), undefined, at(20_000)))?.outcome.httpStatus).toBe(202);

    expect((await receiveAlertWebhook(flooded.key, resolution("e"), undefined, at(60_000)))?.outcome.httpStatus).toBe(202);
    expect(await deliveriesOf(flooded.id)).toBe(4);

    expect(await intakeRefusals(flooded.id)).toEqual({ count: 2, lastAt: new Date(minuteStart + 59_500) });
    expect(await intakeRefusals(other.id)).toEqual({ count: 0, lastAt: null });
  });

  it("holds across concurrent deliveries: exactly the limit is admitted", async () => {
    const integration = await newIntegration("generic");
    const now = new Date("2031-05-06T10:00:30Z");
    const decisions = await Promise.all(Array.from({ length: 10 }, () => admitDelivery(integration.id, now, LIMIT)));
    expect(decisions.filter((decision) => decision.admitted)).toHaveLength(LIMIT);
    expect(decisions.filter((decision) => !decision.admitted && decision.firstRefusal)).toHaveLength(1);
  });
});

describe("the receivers", () => {
  /** Fills this minute and the next for the integration, so a request made now is refused wherever the minute turns. */
  async function fillTheseMinutes(integrationId: string) {
    const now = Date.now();
    for (const at of [now, now + 60_000]) for (let count = 0; count < LIMIT; count++) await admitDelivery(integrationId, new Date(at), LIMIT);
  }
  const expectRetryAfter = (response: Response) => {
    const seconds = Number(response.headers.get("retry-after"));
    expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60).toBe(true);
  };

  it("answer 429 with Retry-After and a JSON message on the webhook URL and /api/ingest, storing nothing", async () => {
    const integration = await newIntegration("generic");
    await fillTheseMinutes(integration.id);
    const byUrl = await webhookRoute(post(`/api/integrations/${integration.key}/alerts`, resolution("url")), params({ ref: integration.key }));
    const byBearer = await ingestRoute(post("/api/ingest", resolution("bearer"), { authorization: `Bearer ${integration.key}` }), params({}));
    for (const response of [byUrl, byBearer]) {
      expect(response.status).toBe(429);
      expectRetryAfter(response);
      expect(await response.json()).toMatchObject({ error: "rate_limited", message: expect.stringContaining("retry in") });
    }
    expect(await deliveriesOf(integration.id)).toBe(0);
  });

  it("answer PagerDuty senders in PagerDuty's shape", async () => {
    const integration = await newIntegration("pagerduty");
    await fillTheseMinutes(integration.id);
    const event = { routing_key: integration.key, event_action: "trigger", payload: { summary: "Rate", source: "test", severity: "info" } };
    const response = await pagerDutyRoute(post("/v2/enqueue", JSON.stringify(event)), params({}));
    expect(response.status).toBe(429);
    expectRetryAfter(response);
    expect(await response.json()).toEqual({ status: "throttle exceeded", message: "Too many requests", errors: [expect.stringContaining("retry in")] });
    expect(await deliveriesOf(integration.id)).toBe(0);
  });

  it("report the refusals to admins with the integration's deliveries", async () => {
    const integration = await newIntegration("generic");
    await fillTheseMinutes(integration.id);
    expect((await webhookRoute(post(`/api/integrations/${integration.key}/alerts`, resolution("x")), params({ ref: integration.key }))).status).toBe(429);
    const shown = await integrationRoute(
      new Request(`http://localhost/api/integrations/${integration.id}`, { headers: { authorization: `Bearer ${admin.token}` } }),
      params({ ref: integration.id }),
    );
    expect(await shown.json()).toMatchObject({ deliveries: [], refusedForRate: { count: 1, lastAt: expect.any(String) } });
  });
});
