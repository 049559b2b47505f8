import { createId } from "@/lib/db/ids";
import type { TTransaction } from "@/lib/db/prisma";
import { prismaSql, type TSql } from "@/lib/db/sql";
import type { EscalationUrgency } from "@/lib/generated/prisma/enums";
import { notFound } from "@/lib/errors";
import type { TDeclarePaging } from "@/lib/incidents/service";
import type { EscalationRun } from "@/lib/generated/prisma/client";
import { resolveStepRecipients, type TStepRecipients } from "./recipients";
import { alertUrgency, firstDueAt, type TUrgencySignal } from "./rules";
import { parseStepTargets, parseUrgencySettings, type TWorkingHours } from "./schema";
import { loadStepPolicy, notifyDueStep, type TStepPolicy } from "./step";

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

/** Whom the policy's first step reaches at `at`, or null for a policy without steps. */
async function firstStepRecipients(tx: TTransaction, policyId: string, at: Date): Promise<TStepRecipients | null> {
  const step = await tx.escalationStep.findFirst({ where: { policyId }, orderBy: { position: "asc" }, select: { targets: true } });
  return step ? resolveStepRecipients(prismaSql(tx), parseStepTargets(step.targets), at) : null;
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
 * service. An incident has one escalation: starting it again (an alert firing again) changes nothing.
 */
async function beginRun(
  sql: TSql,
  input: {
    incidentId: string;
    policyId: string;
    policy: TStepPolicy | null;
    urgency: EscalationUrgency;
    workingHours: TWorkingHours;
    firstStep?: TStepRecipients;
  },
  now: Date,
): Promise<void> {
  const nextDueAt = firstDueAt(input.urgency, input.workingHours, now);
  const [created] = await sql<{ id: string }>`
    INSERT INTO "EscalationRun" ("id", "incidentId", "policyId", "urgency", "workingHours", "startedAt", "nextDueAt")
    VALUES (${createId()}, ${input.incidentId}, ${input.policyId}, ${input.urgency}::"EscalationUrgency", ${JSON.stringify(input.workingHours)}::jsonb,
      ${now.toISOString()}::timestamp(3), ${nextDueAt?.toISOString() ?? null}::timestamp(3))
    ON CONFLICT ("incidentId") DO NOTHING
    RETURNING "id"`;
  if (created && nextDueAt && nextDueAt <= now && input.policy && input.policy.steps.length > 0) {
    const run = { id: created.id, incidentId: input.incidentId, round: 0, nextStep: 0, urgency: input.urgency, workingHours: input.workingHours };
    await notifyDueStep(sql, run, input.policy, now, input.firstStep ? { step: 0, recipients: input.firstStep } : undefined);
  }
}

/** Starts the policy for an incident a person declared for services (see beginRun); the run as it stands. */
export async function startEscalation(
  tx: TTransaction,
  input: { incidentId: string; policyId: string; urgency: EscalationUrgency },
  now: Date,
): Promise<EscalationRun> {
  const incident = await tx.incident.findUnique({
    where: { id: input.incidentId },
    select: { services: { select: { service: { select: { name: true, escalationPolicyId: true, urgencySettings: true } } } } },
  });
  if (!incident) throw notFound("incident");
  const services = incident.services.map(({ service }) => service).sort((a, b) => a.name.localeCompare(b.name));
  // The working hours of the service whose policy this is; any service's otherwise.
  const owner = services.find((service) => service.escalationPolicyId === input.policyId) ?? services[0];
  const { workingHours } = parseUrgencySettings(owner?.urgencySettings);
  const sql = prismaSql(tx);
  await beginRun(sql, { ...input, policy: await loadStepPolicy(sql, input.policyId), workingHours }, now);
  return tx.escalationRun.findUniqueOrThrow({ where: { incidentId: input.incidentId } });
}

/** What an alert opening an incident needs to start its escalation: the policy, and the urgency and working hours it runs with. */
export type TAlertEscalation = {
  /** null when neither the service nor the integration has a policy */
  policy: (TStepPolicy & { id: string }) | null;
  /** whom the first step reaches now; the first of them who may command becomes commander */
  firstStep: TStepRecipients | null;
  onCall: { id: string; name: string } | null;
  urgency: EscalationUrgency;
  workingHours: TWorkingHours;
};

/**
 * What an alert opening an incident needs before it opens it, read in one statement (incidents open
 * in bursts, decision 026): the policy that applies (its service's, else the integration's
 * default) with its steps, the urgency the alert's level (or burn-rate level) has under the
 * service's settings, the service's working hours, and the person the first step reaches now.
 */
export async function escalationForAlert(
  sql: TSql,
  input: { serviceId: string | null; integrationId: string; alertId: string },
  at: Date,
): Promise<TAlertEscalation> {
  const [row] = await sql<{
    policyId: string | null;
    repeatCount: number | null;
    steps: TStepPolicy["steps"];
    urgencySettings: unknown;
    alert: TUrgencySignal | null;
  }>`
    WITH service AS (
      SELECT "escalationPolicyId", "urgencySettings" FROM "Service" WHERE "id" = ${input.serviceId}
    ), chosen AS (
      SELECT COALESCE((SELECT "escalationPolicyId" FROM service), (SELECT "escalationPolicyId" FROM "Integration" WHERE "id" = ${input.integrationId})) AS "policyId"
    )
    SELECT policy."id" AS "policyId", policy."repeatCount",
      COALESCE((SELECT json_agg(json_build_object('targets', step."targets", 'delayMinutes', step."delayMinutes") ORDER BY step."position")
        FROM "EscalationStep" step WHERE step."policyId" = policy."id"), '[]'::json) AS "steps",
      (SELECT "urgencySettings" FROM service) AS "urgencySettings",
      (SELECT json_build_object('source', alert."source", 'level', alert."level", 'labels', alert."labels") FROM "Alert" alert WHERE alert."id" = ${input.alertId}) AS "alert"
    FROM chosen LEFT JOIN "EscalationPolicy" policy ON policy."id" = chosen."policyId"`;
  const settings = parseUrgencySettings(row?.urgencySettings);
  const policy = row?.policyId ? { id: row.policyId, repeatCount: row.repeatCount ?? 0, steps: row.steps } : null;
  const [first] = policy?.steps ?? [];
  const firstStep = first ? await resolveStepRecipients(sql, parseStepTargets(first.targets), at) : null;
  const labels = row?.alert?.labels && typeof row.alert.labels === "object" && !Array.isArray(row.alert.labels) ? row.alert.labels : {};
  return {
    policy,
    firstStep,
    onCall: commanderAmong(firstStep),
    urgency: alertUrgency({ source: row?.alert?.source ?? "", level: row?.alert?.level ?? null, labels }, settings),
    workingHours: settings.workingHours,
  };
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

/** Starts the policy for an incident an alert opened, as escalationForAlert read it before the opening. */
export async function startEscalationForAlert(sql: TSql, incidentId: string, escalation: TAlertEscalation, now: Date): Promise<void> {
  if (!escalation.policy) return;
  await beginRun(
    sql,
    {
      incidentId,
      policyId: escalation.policy.id,
      policy: escalation.policy,
      urgency: escalation.urgency,
      workingHours: escalation.workingHours,
      firstStep: escalation.firstStep ?? undefined,
    },
    now,
  );
}
