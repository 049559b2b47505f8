import { db } from "@/lib/db/prisma";
import { withSqlTransaction, type TSql } from "@/lib/db/sql";
import type { EscalationRun } from "@/lib/generated/prisma/client";
import { loadStepPolicy, notifyDueStep } from "./step";

// Advances due escalation runs. Each run is advanced in a transaction of its own that holds the
// run's row (FOR UPDATE SKIP LOCKED): a second process skips it, and once the first commits the run
// is no longer due, so every step is written exactly once. A process that dies mid-step rolls back
// and the next process finds the run still due: nothing is lost.

const ENDED = ["resolved", "closed"];

export type TRunAdvance = "notified" | "exhausted" | "acknowledged" | "cancelled" | "busy" | "not_due";

type TDueRun = Pick<EscalationRun, "id" | "incidentId" | "round" | "nextStep" | "urgency" | "workingHours" | "policyId">;

/**
 * Advances one run if it is due and nobody else holds it. Through the pg driver, in a handful of
 * statements: a burst of incidents has as many runs falling due together (decision 026).
 */
export async function advanceRun(runId: string, now: Date): Promise<TRunAdvance> {
  return withSqlTransaction(async (sql) => {
    const at = now.toISOString();
    const [run] = await sql<TDueRun>`
      SELECT "id", "incidentId", "round", "nextStep", "urgency"::text AS "urgency", "workingHours", "policyId"
      FROM "EscalationRun" WHERE "id" = ${runId} AND "status" = 'active' AND "nextDueAt" <= ${at}::timestamp(3)
      FOR UPDATE SKIP LOCKED`;
    if (!run) return "not_due";
    // The incident's row too, so that an acknowledgement committing meanwhile is either seen here or
    // comes after this step. Skipped while someone else holds it (the acknowledging transaction locks
    // the incident, then the run): the run stays due for the next tick, and no two locks wait on each other.
    const [incident] = await sql<{ status: string; acknowledgedAt: Date | null; acknowledgedById: string | null }>`
      SELECT "status"::text AS "status", "acknowledgedAt", "acknowledgedById" FROM "Incident" WHERE "id" = ${run.incidentId} FOR UPDATE SKIP LOCKED`;
    if (!incident) return "busy";
    if (incident.acknowledgedAt) {
      await stopRun(sql, runId, { status: "acknowledged", stoppedAt: incident.acknowledgedAt, stoppedById: incident.acknowledgedById });
      return "acknowledged";
    }
    const policy = await loadStepPolicy(sql, run.policyId);
    if (ENDED.includes(incident.status) || !policy || policy.steps.length === 0) {
      await stopRun(sql, runId, { status: "cancelled", stoppedAt: now, stoppedById: null });
      return "cancelled";
    }
    return notifyDueStep(sql, run, policy, now);
  });
}

function stopRun(sql: TSql, runId: string, stop: { status: "acknowledged" | "cancelled"; stoppedAt: Date; stoppedById: string | null }) {
  return sql`
    UPDATE "EscalationRun" SET "status" = ${stop.status}::"EscalationRunStatus", "stoppedAt" = ${stop.stoppedAt.toISOString()}::timestamp(3),
      "stoppedById" = ${stop.stoppedById}::text, "nextDueAt" = NULL
    WHERE "id" = ${runId}`;
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
