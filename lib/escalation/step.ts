import type { EscalationRun } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/db/ids";
import type { TSql } from "@/lib/db/sql";
import { appendTimelineEntriesWith } from "@/lib/timeline/service";
import { SYSTEM_USER_ID } from "@/lib/users/system-user";
import { resolveStepRecipients, type TStepRecipients } from "./recipients";
import { dueStep, positionAfterNotifying, type TPolicyTiming } from "./rules";
import { DEFAULT_WORKING_HOURS, parseStepTargets, ZWorkingHours } from "./schema";
import { signalDueNotifications } from "./wake-up";

/** A policy as a step needs it: its steps' targets and delays, and how often it repeats. */
export type TStepPolicy = { steps: { targets: unknown; delayMinutes: number }[]; repeatCount: number };

/** The policy's steps and repeat count, or null when the policy was deleted; one statement in the transaction of `sql`. */
export async function loadStepPolicy(sql: TSql, policyId: string | null): Promise<TStepPolicy | null> {
  if (!policyId) return null;
  const [policy] = await sql<TStepPolicy>`
    SELECT policy."repeatCount",
      COALESCE((SELECT json_agg(json_build_object('targets', step."targets", 'delayMinutes', step."delayMinutes") ORDER BY step."position")
        FROM "EscalationStep" step WHERE step."policyId" = policy."id"), '[]'::json) AS "steps"
    FROM "EscalationPolicy" policy WHERE policy."id" = ${policyId}`;
  return policy ?? null;
}

/**
 * Notifies the run's due step in the transaction of `sql`, which holds the run: one outbox row per
 * recipient, the `escalation_notified` entry, and the run moved on to the next step; or, past the
 * last step of the last pass, the run stopped as exhausted. `known` are the recipients of that step
 * already resolved at `now` in this transaction (an incident opening asked its first step who is on
 * call), so they are not asked again. The outbox rows are signalled at commit, so a worker hands
 * them over at once. Plain SQL: an incident opening runs it (decision 026).
 */
export async function notifyDueStep(
  sql: TSql,
  run: Pick<EscalationRun, "id" | "incidentId" | "round" | "nextStep" | "urgency" | "workingHours">,
  policy: TStepPolicy,
  now: Date,
  known?: { step: number; recipients: TStepRecipients },
): Promise<"notified" | "exhausted"> {
  const timing: TPolicyTiming = { stepDelaysMinutes: policy.steps.map((step) => step.delayMinutes), repeatCount: policy.repeatCount };
  const due = dueStep(run, timing);
  const at = now.toISOString();
  if (due.kind === "exhausted") {
    await sql`UPDATE "EscalationRun" SET "status" = 'exhausted', "stoppedAt" = ${at}::timestamp(3), "stoppedById" = NULL, "nextDueAt" = NULL WHERE "id" = ${run.id}`;
    await appendTimelineEntriesWith(sql, [
      { incidentId: run.incidentId, kind: "escalation_exhausted", actorId: SYSTEM_USER_ID, occurredAt: now, detail: { rounds: run.round + 1 } },
    ]);
    return "exhausted";
  }
  const recipients =
    known && known.step === due.step ? known.recipients : await resolveStepRecipients(sql, parseStepTargets(policy.steps[due.step]?.targets), now);
  const recipientRows = [
    ...recipients.users.map((user) => ({ recipientKey: `user:${user.id}`, userId: user.id, teamId: null })),
    ...recipients.teams.map((team) => ({ recipientKey: `team:${team.id}`, userId: null, teamId: team.id })),
  ];
  // Unique per run, round, step and recipient: even a second writer could not add a row twice.
  if (recipientRows.length > 0) {
    await sql`
      INSERT INTO "EscalationNotification" ("id", "runId", "round", "step", "recipientKey", "userId", "teamId", "urgency", "nextAttemptAt", "createdAt")
      SELECT recipient."id", ${run.id}, ${due.round}::int, ${due.step}::int, recipient."recipientKey", recipient."userId", recipient."teamId",
        ${run.urgency}::"EscalationUrgency", ${at}::timestamp(3), ${at}::timestamp(3)
      FROM unnest(${recipientRows.map(() => createId())}::text[], ${recipientRows.map((row) => row.recipientKey)}::text[],
        ${recipientRows.map((row) => row.userId)}::text[], ${recipientRows.map((row) => row.teamId)}::text[]) AS recipient("id", "recipientKey", "userId", "teamId")
      ON CONFLICT DO NOTHING`;
  }
  await appendTimelineEntriesWith(sql, [
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
  await sql`
    UPDATE "EscalationRun" SET "round" = ${next.round}::int, "nextStep" = ${next.nextStep}::int, "nextDueAt" = ${next.nextDueAt?.toISOString() ?? null}::timestamp(3)
    WHERE "id" = ${run.id}`;
  if (recipientRows.length > 0) await signalDueNotifications(sql);
  return "notified";
}
