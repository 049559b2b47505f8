import { assertCan, type TActor } from "@/lib/auth/permissions";
import { db, type TTransaction } from "@/lib/db/prisma";
import { conflict, notFound, unprocessable } from "@/lib/errors";
import { assertSchedulesExist } from "./oncall-targets";
import { escalateNowIn } from "./run-control";
import type { TEscalationPolicyInput, TUrgencySettings } from "./schema";

// Use cases of escalation policies; admins manage them (like services and integrations).

/** Every user a policy names must be able to acknowledge: an active responder or admin. */
async function assertTargetsExist(tx: TTransaction, input: TEscalationPolicyInput) {
  const targets = input.steps.flatMap((step) => step.targets);
  const userIds = [...new Set(targets.flatMap((target) => (target.kind === "user" ? [target.userId] : [])))];
  const users = await tx.user.findMany({ where: { id: { in: userIds }, disabledAt: null, role: { not: "viewer" } }, select: { id: true } });
  const missing = userIds.filter((id) => !users.some((user) => user.id === id));
  if (missing.length > 0) throw unprocessable("errors.escalation.unknownUsers", { ids: missing.join(", ") });
  await assertSchedulesExist(tx, [...new Set(targets.flatMap((target) => (target.kind === "schedule" ? [target.scheduleId] : [])))]);
}

async function assertNameFree(tx: TTransaction, name: string, exceptId: string | null) {
  const existing = await tx.escalationPolicy.findUnique({ where: { name }, select: { id: true } });
  if (existing && existing.id !== exceptId) throw conflict("errors.escalation.nameTaken", { name });
}

const stepRows = (input: TEscalationPolicyInput) => input.steps.map((step, position) => ({ position, delayMinutes: step.delayMinutes, targets: step.targets }));

export async function createEscalationPolicy(actor: TActor, input: TEscalationPolicyInput) {
  assertCan(actor, "service:manage");
  return db().$transaction(async (tx) => {
    await assertNameFree(tx, input.name, null);
    await assertTargetsExist(tx, input);
    return tx.escalationPolicy.create({
      data: {
        name: input.name,
        description: input.description,
        teamId: input.teamId,
        repeatCount: input.repeatCount,
        steps: { create: stepRows(input) },
      },
    });
  });
}

/**
 * Replaces a policy's steps. Runs in progress follow the new steps from where they are: the step
 * number they wait for next, which wraps to the next round if the policy became shorter.
 */
export async function updateEscalationPolicy(actor: TActor, policyId: string, input: TEscalationPolicyInput) {
  assertCan(actor, "service:manage");
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "EscalationPolicy" WHERE id = ${policyId} FOR UPDATE`;
    if (locked.length === 0) throw notFound("escalationPolicy");
    await assertNameFree(tx, input.name, policyId);
    await assertTargetsExist(tx, input);
    await tx.escalationStep.deleteMany({ where: { policyId } });
    return tx.escalationPolicy.update({
      where: { id: policyId },
      data: { name: input.name, description: input.description, teamId: input.teamId, repeatCount: input.repeatCount, steps: { create: stepRows(input) } },
    });
  });
}

/** Services and integrations using the policy fall back to none; running escalations are cancelled by the worker. */
export async function deleteEscalationPolicy(actor: TActor, policyId: string) {
  assertCan(actor, "service:manage");
  const deleted = await db().escalationPolicy.deleteMany({ where: { id: policyId } });
  if (deleted.count === 0) throw notFound("escalationPolicy");
}

async function assertPolicyExists(policyId: string | null) {
  if (policyId && !(await db().escalationPolicy.findUnique({ where: { id: policyId }, select: { id: true } }))) {
    throw unprocessable("errors.escalation.unknownPolicy");
  }
}

/** The policy new incidents of the service escalate by, and when its low-urgency notifications may go out. */
export async function setServiceEscalation(actor: TActor, serviceId: string, input: { escalationPolicyId: string | null; urgencySettings: TUrgencySettings }) {
  assertCan(actor, "service:manage");
  await assertPolicyExists(input.escalationPolicyId);
  const updated = await db().service.updateMany({
    where: { id: serviceId },
    data: { escalationPolicyId: input.escalationPolicyId, urgencySettings: input.urgencySettings },
  });
  if (updated.count === 0) throw notFound("service");
}

/** The policy of incidents the integration opens for services without one. */
export async function setIntegrationEscalationPolicy(actor: TActor, integrationId: string, escalationPolicyId: string | null) {
  assertCan(actor, "integration:manage");
  await assertPolicyExists(escalationPolicyId);
  const updated = await db().integration.updateMany({ where: { id: integrationId, deletedAt: null }, data: { escalationPolicyId } });
  if (updated.count === 0) throw notFound("integration");
}

/** A responder in the room asks for the next step now. */
export async function escalateIncidentNow(actor: TActor, incidentId: string, now = new Date()) {
  assertCan(actor, "incident:write");
  return db().$transaction((tx) => escalateNowIn(tx, incidentId, actor.id, now));
}
