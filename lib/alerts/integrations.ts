import { randomBytes } from "node:crypto";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { db, type TTransaction } from "@/lib/db/prisma";
import { notFound, unprocessable } from "@/lib/errors";
import { outboundRequest } from "@/lib/http/outbound";
import { DEFAULT_SEVERITY_MAP, type TIntegrationCreate, type TIntegrationUpdate } from "./schema";

/** A webhook key: 32 random bytes, URL-safe, recognisable by its prefix in logs people paste. */
export function generateIntegrationKey(): string {
  return `fbi_${randomBytes(32).toString("base64url")}`;
}

async function requireServiceIfSet(serviceId: string | null | undefined) {
  if (!serviceId) return;
  if (!(await db().service.findUnique({ where: { id: serviceId }, select: { id: true } }))) throw unprocessable("errors.integration.unknownService");
}

async function requireCommander(userId: string) {
  const user = await db().user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } });
  if (!user || user.disabledAt || user.role === "viewer") throw unprocessable("errors.integration.commanderRole");
}

export async function createIntegration(actor: TActor, input: TIntegrationCreate) {
  assertCan(actor, "integration:manage");
  await requireServiceIfSet(input.defaultServiceId);
  return db().integration.create({
    data: {
      name: input.name,
      source: input.source,
      key: generateIntegrationKey(),
      defaultServiceId: input.defaultServiceId,
      defaultSeverity: input.defaultSeverity,
      severityMap: DEFAULT_SEVERITY_MAP,
      commanderId: actor.id,
      createdById: actor.id,
    },
  });
}

async function requireIntegration(integrationId: string) {
  const integration = await db().integration.findFirst({ where: { id: integrationId, deletedAt: null } });
  if (!integration) throw notFound("integration");
  return integration;
}

export async function updateIntegration(actor: TActor, integrationId: string, update: TIntegrationUpdate) {
  assertCan(actor, "integration:manage");
  await requireIntegration(integrationId);
  await requireServiceIfSet(update.defaultServiceId);
  if (update.commanderId) await requireCommander(update.commanderId);
  return db().integration.update({ where: { id: integrationId }, data: update });
}

/** A new key takes effect at once; the old URL stops working with the same write. */
export async function rotateIntegrationKey(actor: TActor, integrationId: string, now = new Date()) {
  assertCan(actor, "integration:manage");
  await requireIntegration(integrationId);
  return db().integration.update({ where: { id: integrationId }, data: { key: generateIntegrationKey(), keyRotatedAt: now } });
}

/** Stops the integration for good but keeps its alerts, which incidents and postmortems refer to. */
export async function deleteIntegration(actor: TActor, integrationId: string, now = new Date()) {
  assertCan(actor, "integration:manage");
  await requireIntegration(integrationId);
  await db().integration.update({ where: { id: integrationId }, data: { deletedAt: now, key: `deleted_${generateIntegrationKey()}` } });
}

/** Remembers an SNS subscription waiting for confirmation, for the admin to see. */
export function recordSnsSubscription(tx: TTransaction, integrationId: string, subscribeUrl: string, topicArn: string) {
  return tx.integration.update({
    where: { id: integrationId },
    data: { snsSubscribeUrl: subscribeUrl, snsSubscriptionTopicArn: topicArn, snsConfirmedAt: null },
  });
}

/** Visits the SubscribeURL, which confirms the subscription with AWS; fails quietly where outbound HTTPS is blocked. */
export async function confirmSnsSubscription(integrationId: string, subscribeUrl: string, now = new Date()): Promise<boolean> {
  try {
    const response = await outboundRequest({ url: subscribeUrl, timeoutMs: 5_000, maxResponseBytes: 64 * 1024 });
    if (response.status !== 200) return false;
    await db().integration.update({ where: { id: integrationId }, data: { snsConfirmedAt: now } });
    return true;
  } catch {
    return false;
  }
}
