import { describeOutboundFailure, outboundRequest } from "@/lib/http/outbound";
import { publicUrl } from "@/lib/http/public-url";
import { db } from "@/lib/db/prisma";
import { incidentReference } from "@/lib/incidents/rules";
import { startPeriodicJob } from "@/lib/jobs/periodic";
import { recordWebhookAttempt } from "@/lib/metrics/record";
import { genericPayload, MAX_DELIVERY_ATTEMPTS, retryDelayMs, slackPayload, type TPublishedUpdate } from "./rules";

const BATCH = 20;
const SEND_TIMEOUT_MS = 5_000;
// A claimed delivery is not claimed again for this long, so a process that dies mid-send only delays it.
const CLAIM_LEASE_MS = 60_000;

type TClaimed = { id: string; attempts: number };

/** Claims due deliveries; SKIP LOCKED lets several app processes dispatch without sending one twice. */
async function claimDueDeliveries(now: Date): Promise<TClaimed[]> {
  return db().$queryRaw<TClaimed[]>`
    UPDATE "OutgoingWebhookDelivery" SET "nextAttemptAt" = ${new Date(now.getTime() + CLAIM_LEASE_MS)}
    WHERE "id" IN (
      SELECT "id" FROM "OutgoingWebhookDelivery" WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "attempts"`;
}

async function send(deliveryId: string): Promise<{ ok: boolean; httpStatus: number | null; error: string }> {
  const delivery = await db().outgoingWebhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    include: {
      webhook: true,
      update: { include: { author: { select: { name: true } }, incident: { select: { number: true, title: true, severity: true } } } },
    },
  });
  const reference = incidentReference(delivery.update.incident.number);
  const published: TPublishedUpdate = {
    incident: { reference, title: delivery.update.incident.title, severity: delivery.update.incident.severity, url: publicUrl(`/incidents/${reference}`) },
    status: delivery.update.status,
    impact: delivery.update.impact,
    message: delivery.update.message,
    nextUpdateAt: delivery.update.nextUpdateAt,
    publishedAt: delivery.update.publishedAt,
    author: delivery.update.author.name,
  };
  try {
    const response = await outboundRequest({
      url: delivery.webhook.url,
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Firebreak" },
      body: JSON.stringify(delivery.webhook.kind === "slack" ? slackPayload(published) : genericPayload(published)),
      timeoutMs: SEND_TIMEOUT_MS,
      maxResponseBytes: 64 * 1024,
    });
    const ok = response.status >= 200 && response.status < 300;
    return { ok, httpStatus: response.status, error: ok ? "" : `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, httpStatus: null, error: describeOutboundFailure(error) };
  }
}

/** Sends every due delivery once; failures are retried with backoff and given up after five attempts. */
export async function deliverDueWebhooks(now = new Date()): Promise<number> {
  const claimed = await claimDueDeliveries(now);
  await Promise.all(
    claimed.map(async ({ id, attempts }) => {
      const result = await send(id);
      recordWebhookAttempt(!result.ok);
      const attempt = attempts + 1;
      if (result.ok) {
        await db().outgoingWebhookDelivery.update({
          where: { id },
          data: { status: "delivered", attempts: attempt, httpStatus: result.httpStatus, lastError: "", deliveredAt: new Date() },
        });
        return;
      }
      const givingUp = attempt >= MAX_DELIVERY_ATTEMPTS;
      console.warn(`[webhooks] delivery ${id} attempt ${attempt} failed: ${result.error}${givingUp ? " (giving up)" : ""}`);
      await db().outgoingWebhookDelivery.update({
        where: { id },
        data: {
          status: givingUp ? "failed" : "pending",
          attempts: attempt,
          httpStatus: result.httpStatus,
          lastError: result.error.slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt)),
        },
      });
    }),
  );
  return claimed.length;
}

const DISPATCH_INTERVAL_MS = 2_000;

/** Runs the dispatcher in this app process until it exits. */
export const startWebhookDispatcher = () =>
  startPeriodicJob({ name: "webhooks", everyMs: DISPATCH_INTERVAL_MS, runAtStart: false, run: () => deliverDueWebhooks() });
