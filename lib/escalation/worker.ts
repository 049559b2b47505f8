import { db, type TTransaction } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendTimelineEntry } from "@/lib/timeline/service";
import { SYSTEM_USER_ID } from "@/lib/users/system-user";
import { resolveStepRecipients } from "./recipients";
import { dueStep, positionAfterNotifying, type TPolicyTiming } from "./rules";
import { parseStepTargets, ZWorkingHours, DEFAULT_WORKING_HOURS } from "./schema";

// Advances due escalation runs. Each run is advanced in a transaction of its own that holds the
// run's row (FOR UPDATE SKIP LOCKED): a second process skips it, and once the first commits the run
// is no longer due, so every step is written exactly once. A process that dies mid-step rolls back
// and the next process finds the run still due: nothing is lost.

const ENDED = ["resolved", "closed"];

export type TRunAdvance = "notified" | "exhausted" | "acknowledged" | "cancelled" | "busy" | "not_due";

/** Advances one run if it is due and nobody else holds it. */
export async function advanceRun(runId: string, now: Date): Promise<TRunAdvance> {
  return db().$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "EscalationRun" WHERE id = ${runId} AND status = 'active' AND "nextDueAt" <= ${now} FOR UPDATE SKIP LOCKED`;
    if (claimed.length === 0) return "not_due";
    const run = await tx.escalationRun.findUniqueOrThrow({ where: { id: runId } });
    // The incident's row too, so that an acknowledgement committing meanwhile is either seen here or
    // comes after this step. Skipped while someone else holds it (the acknowledging transaction locks
    // the incident, then the run): the run stays due for the next tick, and no two locks wait on each other.
    const incidentLocked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Incident" WHERE id = ${run.incidentId} FOR UPDATE SKIP LOCKED`;
    if (incidentLocked.length === 0) return "busy";
    const incident = await tx.incident.findUniqueOrThrow({
      where: { id: run.incidentId },
      select: { status: true, acknowledgedAt: true, acknowledgedById: true },
    });
    if (incident.acknowledgedAt) {
      await stopRun(tx, runId, { status: "acknowledged", stoppedAt: incident.acknowledgedAt, stoppedById: incident.acknowledgedById });
      return "acknowledged";
    }
    const steps = run.policyId ? await tx.escalationStep.findMany({ where: { policyId: run.policyId }, orderBy: { position: "asc" } }) : [];
    const policy = run.policyId ? await tx.escalationPolicy.findUnique({ where: { id: run.policyId }, select: { repeatCount: true } }) : null;
    if (ENDED.includes(incident.status) || !policy || steps.length === 0) {
      await stopRun(tx, runId, { status: "cancelled", stoppedAt: now, stoppedById: null });
      return "cancelled";
    }
    const timing: TPolicyTiming = { stepDelaysMinutes: steps.map((step) => step.delayMinutes), repeatCount: policy.repeatCount };
    const due = dueStep(run, timing);
    if (due.kind === "exhausted") {
      await stopRun(tx, runId, { status: "exhausted", stoppedAt: now, stoppedById: null });
      await appendTimelineEntry(tx, {
        incidentId: run.incidentId,
        kind: "escalation_exhausted",
        actorId: SYSTEM_USER_ID,
        occurredAt: now,
        detail: { rounds: run.round + 1 },
      });
      return "exhausted";
    }
    const step = steps[due.step];
    const recipients = await resolveStepRecipients(tx, parseStepTargets(step?.targets), now);
    const recipientRows = [
      ...recipients.users.map((user) => ({ recipientKey: `user:${user.id}`, userId: user.id, teamId: null })),
      ...recipients.teams.map((team) => ({ recipientKey: `team:${team.id}`, userId: null, teamId: team.id })),
    ];
    // Unique per run, round, step and recipient: even a second writer could not add a row twice.
    await tx.escalationNotification.createMany({
      data: recipientRows.map((row) => ({ ...row, runId, round: due.round, step: due.step, urgency: run.urgency, nextAttemptAt: now, createdAt: now })),
      skipDuplicates: true,
    });
    await appendTimelineEntry(tx, {
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
    });
    const hours = ZWorkingHours.safeParse(run.workingHours);
    const next = positionAfterNotifying(due, timing, run.urgency, hours.success ? hours.data : DEFAULT_WORKING_HOURS, now);
    await tx.escalationRun.update({ where: { id: runId }, data: { round: next.round, nextStep: next.nextStep, nextDueAt: next.nextDueAt } });
    return "notified";
  });
}

function stopRun(tx: TTransaction, runId: string, stop: { status: "acknowledged" | "exhausted" | "cancelled"; stoppedAt: Date; stoppedById: string | null }) {
  return tx.escalationRun.update({ where: { id: runId }, data: { ...stop, nextDueAt: null } satisfies Prisma.EscalationRunUncheckedUpdateInput });
}

export const ADVANCE_BATCH = 50;
// Runs advanced at once: each is a transaction of a dozen round trips, mostly waiting on the
// database, and SKIP LOCKED keeps them apart. A few at a time leaves the pool to the HTTP requests.
const ADVANCING_AT_ONCE = 4;

/** Advances every run due at `now` (up to a batch); returns what happened to each. */
export async function advanceDueEscalations(now: Date): Promise<{ runId: string; outcome: TRunAdvance }[]> {
  const due = await db().escalationRun.findMany({
    where: { status: "active", nextDueAt: { lte: now } },
    orderBy: { nextDueAt: "asc" },
    take: ADVANCE_BATCH,
    select: { id: true },
  });
  const outcomes: { runId: string; outcome: TRunAdvance }[] = [];
  let next = 0;
  const advanceInTurn = async () => {
    for (let index = next++; index < due.length; index = next++) {
      const runId = (due[index] as { id: string }).id;
      outcomes[index] = { runId, outcome: await advanceRun(runId, now) };
    }
  };
  // Every runner ends before the batch does, so nothing of it goes on after a failure is reported.
  const settled = await Promise.allSettled(Array.from({ length: ADVANCING_AT_ONCE }, advanceInTurn));
  const failed = settled.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return outcomes;
}
