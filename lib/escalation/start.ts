import type { TTransaction } from "@/lib/db/prisma";
import type { EscalationUrgency } from "@/lib/generated/prisma/enums";
import { notFound } from "@/lib/errors";
import type { TDeclarePaging } from "@/lib/incidents/service";
import type { EscalationRun } from "@/lib/generated/prisma/client";
import { resolveStepRecipients, type TStepRecipients } from "./recipients";
import { alertUrgency, firstDueAt, type TUrgencySignal } from "./rules";
import { parseStepTargets, parseUrgencySettings } from "./schema";
import { loadStepPolicy, notifyDueStep } from "./step";

// What the paths that open incidents (people, alerts, SLO burns) call, inside their transaction.

/** The policy of an incident: its first service's that has one, else the integration's default. */
export async function escalationPolicyFor(tx: TTransaction, serviceIds: string[], integrationId: string | null): Promise<string | null> {
  const service = await tx.service.findFirst({
    where: { id: { in: serviceIds }, escalationPolicyId: { not: null } },
    orderBy: { name: "asc" },
    select: { escalationPolicyId: true },
  });
  if (service?.escalationPolicyId) return service.escalationPolicyId;
  if (!integrationId) return null;
  const integration = await tx.integration.findUnique({ where: { id: integrationId }, select: { escalationPolicyId: true } });
  return integration?.escalationPolicyId ?? null;
}

/** An alert's urgency under its service's settings (the defaults without a service). */
export async function escalationUrgencyFor(tx: TTransaction, serviceId: string | null, alert: TUrgencySignal): Promise<EscalationUrgency> {
  const service = serviceId ? await tx.service.findUnique({ where: { id: serviceId }, select: { urgencySettings: true } }) : null;
  return alertUrgency(alert, parseUrgencySettings(service?.urgencySettings));
}

/** Whom the policy's first step reaches at `at`, or null for a policy without steps. */
async function firstStepRecipients(tx: TTransaction, policyId: string, at: Date): Promise<TStepRecipients | null> {
  const step = await tx.escalationStep.findFirst({ where: { policyId }, orderBy: { position: "asc" }, select: { targets: true } });
  return step ? resolveStepRecipients(tx, parseStepTargets(step.targets), at) : null;
}

/**
 * The person the policy's first step notifies first: the incident's commander, rather than a fixed
 * person. Null when the first step names nobody who can be reached and may hold the role (only team
 * channels, a schedule with a gap, or only viewers).
 */
function commanderAmong(recipients: TStepRecipients | null): { id: string; name: string } | null {
  const commander = recipients?.users.find((user) => user.mayCommand);
  return commander ? { id: commander.id, name: commander.name } : null;
}

/** The person the policy's first step reaches first at `at` (see commanderAmong). */
export async function firstOnCall(tx: TTransaction, policyId: string, at: Date): Promise<{ id: string; name: string } | null> {
  return commanderAmong(await firstStepRecipients(tx, policyId, at));
}

/**
 * Starts the policy for an incident. A first step due at once (high urgency, or low urgency inside
 * working hours) is notified in this same transaction, so the on-call person's notification is
 * waiting the moment the incident commits (`firstStep`: its recipients, when the opening already
 * asked); otherwise the worker notifies it at the next working-hours start of the incident's
 * service. An incident has one escalation: starting it again (an alert firing again) returns the one it has.
 */
export async function startEscalation(
  tx: TTransaction,
  input: { incidentId: string; policyId: string; urgency: EscalationUrgency; firstStep?: TStepRecipients },
  now: Date,
): Promise<EscalationRun> {
  const incident = await tx.incident.findUnique({
    where: { id: input.incidentId },
    select: { services: { select: { service: { select: { name: true, escalationPolicyId: true, urgencySettings: true } } } } },
  });
  if (!incident) throw notFound("Incident");
  const services = incident.services.map(({ service }) => service).sort((a, b) => a.name.localeCompare(b.name));
  // The working hours of the service whose policy this is; any service's otherwise.
  const owner = services.find((service) => service.escalationPolicyId === input.policyId) ?? services[0];
  const { workingHours } = parseUrgencySettings(owner?.urgencySettings);
  const [created] = await tx.escalationRun.createManyAndReturn({
    data: [
      {
        incidentId: input.incidentId,
        policyId: input.policyId,
        urgency: input.urgency,
        workingHours,
        startedAt: now,
        nextDueAt: firstDueAt(input.urgency, workingHours, now),
      },
    ],
    skipDuplicates: true,
  });
  if (created?.nextDueAt && created.nextDueAt <= now) {
    const policy = await loadStepPolicy(tx, input.policyId);
    if (policy && policy.steps.length > 0) {
      await notifyDueStep(tx, created, policy, now, input.firstStep ? { step: 0, recipients: input.firstStep } : undefined);
    }
  }
  return tx.escalationRun.findUniqueOrThrow({ where: { incidentId: input.incidentId } });
}

/**
 * What an alert opening an incident needs before it opens it: the policy that applies (its service's,
 * else the integration's default) and the person its first step reaches now, who becomes commander.
 */
export async function escalationForAlert(tx: TTransaction, serviceIds: string[], integrationId: string, at: Date) {
  const policyId = await escalationPolicyFor(tx, serviceIds, integrationId);
  const firstStep = policyId ? await firstStepRecipients(tx, policyId, at) : null;
  return { policyId, onCall: commanderAmong(firstStep), firstStep };
}

/**
 * Declaring for services pages their on-call like an alert does, with the services' policy (an
 * integration's default does not apply: no integration is involved). A person who declares and
 * asks for the on-call wants them now, so the run is high urgency whatever the hour.
 */
export const declarePaging: TDeclarePaging = {
  policyFor: async (tx, serviceIds, at) => {
    const policyId = await escalationPolicyFor(tx, serviceIds, null);
    return policyId ? { policyId, onCall: await firstOnCall(tx, policyId, at) } : null;
  },
  start: (tx, run, now) => startEscalation(tx, { ...run, urgency: "high" }, now),
};

/** Starts the policy for an incident an alert opened, at the urgency the alert's level (or burn-rate level) gives. */
export async function startEscalationForAlert(
  tx: TTransaction,
  input: { incidentId: string; policyId: string; alertId: string; serviceId: string | null; firstStep: TStepRecipients | null },
  now: Date,
) {
  const alert = await tx.alert.findUniqueOrThrow({ where: { id: input.alertId }, select: { source: true, level: true, labels: true } });
  const labels = alert.labels && typeof alert.labels === "object" && !Array.isArray(alert.labels) ? alert.labels : {};
  const urgency = await escalationUrgencyFor(tx, input.serviceId, { source: alert.source, level: alert.level, labels });
  return startEscalation(tx, { incidentId: input.incidentId, policyId: input.policyId, urgency, firstStep: input.firstStep ?? undefined }, now);
}
