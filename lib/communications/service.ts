import { assertCan, type TActor } from "@/lib/auth/permissions";
import { db, type TTransaction } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { resolveIncidentIn } from "@/lib/incidents/resolve";
import { appendTimelineEntry } from "@/lib/timeline/service";
import type { TIncidentResolution, TOutgoingWebhookCreate, TStakeholderUpdate } from "./schema";

/**
 * Publishes a stakeholder update: the update, its timeline entry and one pending delivery per
 * outgoing webhook are written together; the dispatcher sends them afterwards, so a slow or broken
 * receiver never holds up the incident.
 */
export async function publishStakeholderUpdate(actor: TActor, incidentId: string, input: TStakeholderUpdate, now = new Date()) {
  assertCan(actor, "incident:write");
  return db().$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: incidentId }, select: { id: true } });
    if (!incident) throw notFound("incident");
    return publishStakeholderUpdateIn(tx, actor.id, incidentId, input, now);
  });
}

async function publishStakeholderUpdateIn(tx: TTransaction, authorId: string, incidentId: string, input: TStakeholderUpdate, now: Date) {
  const nextUpdateAt = input.nextUpdateInMinutes > 0 ? new Date(now.getTime() + input.nextUpdateInMinutes * 60_000) : null;
  const update = await tx.stakeholderUpdate.create({
    data: { incidentId, authorId, status: input.status, impact: input.impact, message: input.message, nextUpdateAt, publishedAt: now },
  });
  await appendTimelineEntry(tx, {
    incidentId,
    kind: "stakeholder_update",
    actorId: authorId,
    occurredAt: now,
    body: input.message,
    detail: { updateId: update.id, status: input.status, impact: input.impact, nextUpdateAt: nextUpdateAt?.toISOString() ?? null },
  });
  const webhooks = await tx.outgoingWebhook.findMany({ where: { deletedAt: null }, select: { id: true } });
  await tx.outgoingWebhookDelivery.createMany({ data: webhooks.map((webhook) => ({ webhookId: webhook.id, updateId: update.id, nextAttemptAt: now })) });
  return update;
}

/**
 * Resolves an incident from the room, and with `finalUpdateImpact` publishes the final stakeholder
 * update in the same transaction: its message is the resolution summary and it promises no next
 * update, so the status page stops announcing one.
 */
export async function resolveIncident(actor: TActor, incidentId: string, input: TIncidentResolution, now = new Date()) {
  assertCan(actor, "incident:write");
  return db().$transaction(async (tx) => {
    const { finalUpdateImpact, ...resolution } = input;
    const incident = await resolveIncidentIn(tx, actor.id, incidentId, resolution, now);
    if (finalUpdateImpact) {
      await publishStakeholderUpdateIn(
        tx,
        actor.id,
        incidentId,
        { status: "resolved", impact: finalUpdateImpact, message: input.summary, nextUpdateInMinutes: 0 },
        now,
      );
    }
    return incident;
  });
}

export async function createOutgoingWebhook(actor: TActor, input: TOutgoingWebhookCreate) {
  assertCan(actor, "integration:manage");
  return db().outgoingWebhook.create({ data: input });
}

export async function deleteOutgoingWebhook(actor: TActor, webhookId: string, now = new Date()) {
  assertCan(actor, "integration:manage");
  const webhook = await db().outgoingWebhook.findFirst({ where: { id: webhookId, deletedAt: null } });
  if (!webhook) throw notFound("outgoingWebhook");
  await db().$transaction([
    db().outgoingWebhook.update({ where: { id: webhookId }, data: { deletedAt: now } }),
    db().outgoingWebhookDelivery.updateMany({ where: { webhookId, status: "pending" }, data: { status: "failed", lastError: "webhook deleted" } }),
  ]);
}
