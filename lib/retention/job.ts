import { deleteIntakeMinutes, deleteRejectedDeliveries, removeAcceptedPayloads } from "@/lib/alerts/retention";
import { serverEnv } from "@/lib/env/server-env";
import { claimJobRun } from "@/lib/jobs/lease";
import { startPeriodicJob } from "@/lib/jobs/periodic";
import { pruneSliMinutes } from "@/lib/slo/sli-retention";
import { deliveryCutoffs, intakeCounterCutoffs, retentionSettings, type TRetentionSettings } from "./rules";

const JOB = "retention";
// Every process looks once a minute; one of them runs the job every ten minutes.
const CHECK_EVERY_MS = 60_000;
const RUN_EVERY_MS = 10 * 60_000;
// A run starts no new batch after this long (the rest waits for the next run), so runs never overlap.
const RUN_BUDGET_MS = 5 * 60_000;
export const RETENTION_BATCH = 5_000;

export type TRetentionReport = {
  rejectedDeliveriesDeleted: number;
  payloadsRemoved: number;
  sliMinutesDeleted: number;
  intakeMinutesDeleted: number;
  /** false when the run stopped at its time budget with work left for the next run */
  complete: boolean;
};

export type TRetentionRun = { now?: Date; settings?: TRetentionSettings; batch?: number };

/** Runs `statement` (one batch) until a batch finds fewer than `batch` rows or time is up; returns the rows. */
async function inBatches(batch: number, hasTime: () => boolean, statement: () => Promise<number>): Promise<number> {
  let total = 0;
  while (hasTime()) {
    const count = await statement();
    total += count;
    if (count < batch) break;
  }
  return total;
}

/**
 * One retention run, if it is this process's turn (null otherwise): deletes rejected deliveries and
 * empties accepted payloads past their retention, deletes SLI minute buckets no reader needs any
 * more, and forgets intake counters. See README, "Retention and intake limits".
 */
export async function runRetentionOnce({
  now = new Date(),
  settings = retentionSettings(serverEnv()),
  batch = RETENTION_BATCH,
}: TRetentionRun = {}): Promise<TRetentionReport | null> {
  if (!(await claimJobRun(JOB, now, RUN_EVERY_MS))) return null;
  const deadline = performance.now() + RUN_BUDGET_MS;
  const hasTime = () => performance.now() < deadline;
  const { rejectedBefore, payloadBefore } = deliveryCutoffs(now, settings);
  const counters = intakeCounterCutoffs(now, settings);

  const report: TRetentionReport = {
    rejectedDeliveriesDeleted: rejectedBefore ? await inBatches(batch, hasTime, () => deleteRejectedDeliveries(rejectedBefore, batch)) : 0,
    payloadsRemoved: payloadBefore ? await inBatches(batch, hasTime, () => removeAcceptedPayloads(payloadBefore, now, batch)) : 0,
    sliMinutesDeleted: await pruneSliMinutes(now, settings.sliMinuteWindows, batch, hasTime),
    intakeMinutesDeleted: await inBatches(batch, hasTime, () => deleteIntakeMinutes(counters.quietBefore, counters.refusedBefore, batch)),
    // Evaluated last, after every step above has run.
    complete: hasTime(),
  };
  const { rejectedDeliveriesDeleted: rejected, payloadsRemoved: payloads, sliMinutesDeleted: minutes } = report;
  if (rejected + payloads + minutes > 0 || !report.complete) {
    console.log(
      `[retention] deleted ${rejected} rejected deliveries, removed ${payloads} payloads, deleted ${minutes} SLI minute buckets` +
        (report.complete ? "" : " (time is up; the next run continues)"),
    );
  }
  return report;
}

/** Offers to run retention every minute in this process (one process runs it at a time). Returns a stop function. */
export const startRetentionJob = () => startPeriodicJob({ name: "retention", everyMs: CHECK_EVERY_MS, runAtStart: true, run: runRetentionOnce });
