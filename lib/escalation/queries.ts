import { db } from "@/lib/db/prisma";
import { SYSTEM_USER_ID } from "@/lib/users/system-user";
import { parseStepTargets, parseUrgencySettings } from "./schema";

export async function listEscalationPolicies() {
  const policies = await db().escalationPolicy.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      repeatCount: true,
      steps: { orderBy: { position: "asc" }, select: { delayMinutes: true, targets: true } },
      services: { select: { name: true, slug: true }, orderBy: { name: "asc" } },
      integrations: { where: { deletedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } },
    },
  });
  return policies.map((policy) => ({ ...policy, steps: policy.steps.map((step) => ({ ...step, targets: parseStepTargets(step.targets) })) }));
}

export async function getEscalationPolicy(policyId: string) {
  const policy = await db().escalationPolicy.findUnique({
    where: { id: policyId },
    select: { id: true, name: true, description: true, teamId: true, repeatCount: true, steps: { orderBy: { position: "asc" }, select: { delayMinutes: true, targets: true } } },
  });
  return policy ? { ...policy, steps: policy.steps.map((step) => ({ ...step, targets: parseStepTargets(step.targets) })) } : null;
}

export const escalationPolicyChoices = () => db().escalationPolicy.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });

/** People a step can notify: active responders and admins (viewers cannot acknowledge). */
export const escalationTargetUsers = () =>
  db().user.findMany({ where: { disabledAt: null, role: { not: "viewer" }, id: { not: SYSTEM_USER_ID } }, orderBy: { name: "asc" }, select: { id: true, name: true } });

/** Schedules a step can notify the on-call person of, named with their team. */
export async function escalationTargetSchedules() {
  const schedules = await db().schedule.findMany({ orderBy: [{ team: { name: "asc" } }, { name: "asc" }], select: { id: true, name: true, team: { select: { name: true } } } });
  return schedules.map((schedule) => ({ id: schedule.id, name: `${schedule.team.name} · ${schedule.name}` }));
}

export const escalationTargetTeams = () => db().team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });

export async function serviceEscalationSettings(serviceId: string) {
  const service = await db().service.findUniqueOrThrow({ where: { id: serviceId }, select: { escalationPolicyId: true, urgencySettings: true } });
  return { escalationPolicyId: service.escalationPolicyId, urgencySettings: parseUrgencySettings(service.urgencySettings) };
}

/**
 * The incident room's view of its escalation. A run the worker has not yet seen acknowledged shows as
 * stopped by whoever acknowledged the incident, since nobody will be notified any more.
 */
export async function incidentEscalationState(incidentId: string) {
  const run = await db().escalationRun.findUnique({
    where: { incidentId },
    select: {
      status: true,
      urgency: true,
      round: true,
      nextStep: true,
      nextDueAt: true,
      stoppedAt: true,
      stoppedBy: { select: { name: true } },
      policy: { select: { name: true, repeatCount: true, _count: { select: { steps: true } } } },
      incident: { select: { acknowledgedAt: true, acknowledgedBy: { select: { name: true } } } },
      _count: { select: { notifications: true } },
    },
  });
  if (!run) return null;
  const acknowledged = run.status === "acknowledged" || (run.status === "active" && run.incident.acknowledgedAt !== null);
  const stepCount = run.policy?._count.steps ?? 0;
  const finalWait = run.status === "active" && run.nextStep >= stepCount && run.round >= (run.policy?.repeatCount ?? 0);
  const wraps = run.nextStep >= stepCount && !finalWait;
  return {
    status: acknowledged ? ("acknowledged" as const) : run.status,
    urgency: run.urgency,
    policyName: run.policy?.name ?? "—",
    /** 1-based, as shown */
    nextStep: wraps ? 1 : run.nextStep + 1,
    nextRound: wraps ? run.round + 2 : run.round + 1,
    finalWait,
    nextDueAt: acknowledged ? null : run.nextDueAt,
    stoppedBy: run.stoppedBy?.name ?? run.incident.acknowledgedBy?.name ?? null,
    notifications: run._count.notifications,
  };
}
