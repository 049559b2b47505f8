import type { TTransaction } from "@/lib/db/prisma";
import type { EscalationRun } from "@/lib/generated/prisma/client";
import { appendTimelineEntries, appendTimelineEntry } from "@/lib/timeline/service";
import { SYSTEM_USER_ID } from "@/lib/users/system-user";
import { resolveStepRecipients, type TStepRecipients } from "./recipients";
import { dueStep, positionAfterNotifying, type TPolicyTiming } from "./rules";
import { DEFAULT_WORKING_HOURS, parseStepTargets, ZWorkingHours } from "./schema";
import { signalDueNotifications } from "./wake-up";

/** A policy as a step needs it: its steps' targets and delays, and how often it repeats. */
export type TStepPolicy = { steps: { targets: unknown; delayMinutes: number }[]; repeatCount: number };

/** The policy's steps and repeat count, or null when the policy was deleted. */
export async function loadStepPolicy(tx: TTransaction, policyId: string | null): Promise<TStepPolicy | null> {
  if (!policyId) return null;
  return tx.escalationPolicy.findUnique({
    where: { id: policyId },
    select: { repeatCount: true, steps: { orderBy: { position: "asc" }, select: { targets: true, delayMinutes: true } } },
  });
}

/**
 * Notifies the run's due step in `tx`, which holds the run: one outbox row per recipient, the
 * `escalation_notified` entry, and the run moved on to the next step; or, past the last step of the
 * last pass, the run stopped as exhausted. `known` are the recipients of that step already resolved
 * at `now` in this transaction (an incident opening asked its first step who is on call), so they are
 * not asked again. The outbox rows are signalled at commit, so a worker hands them over at once.
 */
export async function notifyDueStep(
  tx: TTransaction,
  run: Pick<EscalationRun, "id" | "incidentId" | "round" | "nextStep" | "urgency" | "workingHours">,
  policy: TStepPolicy,
  now: Date,
  known?: { step: number; recipients: TStepRecipients },
): Promise<"notified" | "exhausted"> {
  const timing: TPolicyTiming = { stepDelaysMinutes: policy.steps.map((step) => step.delayMinutes), repeatCount: policy.repeatCount };
  const due = dueStep(run, timing);
  if (due.kind === "exhausted") {
    await tx.escalationRun.update({ where: { id: run.id }, data: { status: "exhausted", stoppedAt: now, stoppedById: null, nextDueAt: null } });
    await appendTimelineEntry(tx, {
      incidentId: run.incidentId,
      kind: "escalation_exhausted",
      actorId: SYSTEM_USER_ID,
      occurredAt: now,
      detail: { rounds: run.round + 1 },
    });
    return "exhausted";
  }
  const recipients =
    known && known.step === due.step ? known.recipients : await resolveStepRecipients(tx, parseStepTargets(policy.steps[due.step]?.targets), now);
  const recipientRows = [
    ...recipients.users.map((user) => ({ recipientKey: `user:${user.id}`, userId: user.id, teamId: null })),
    ...recipients.teams.map((team) => ({ recipientKey: `team:${team.id}`, userId: null, teamId: team.id })),
  ];
  // Unique per run, round, step and recipient: even a second writer could not add a row twice.
  await tx.escalationNotification.createMany({
    data: recipientRows.map((row) => ({ ...row, runId: run.id, round: due.round, step: due.step, urgency: run.urgency, nextAttemptAt: now, createdAt: now })),
    skipDuplicates: true,
  });
  await appendTimelineEntries(tx, [
    {
      incidentId: run.incidentId,
      kind: "escalation_notified",
      actorId: SYSTEM_USER_ID,
      occurredAt: now,
      detail: {
        step: due.step + 1,
        round: due.round + 1,
        urgency: run.urgency,
        names: recipients.users.map((user) => user.name),
        userIds: recipients.users.map((user) => user.id),
        teams: recipients.teams.map((team) => team.name),
      },
    },
  ]);
  const hours = ZWorkingHours.safeParse(run.workingHours);
  const next = positionAfterNotifying(due, timing, run.urgency, hours.success ? hours.data : DEFAULT_WORKING_HOURS, now);
  await tx.escalationRun.update({ where: { id: run.id }, data: { round: next.round, nextStep: next.nextStep, nextDueAt: next.nextDueAt } });
  if (recipientRows.length > 0) await signalDueNotifications(tx);
  return "notified";
}
