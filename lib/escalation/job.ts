import { startPeriodicJob } from "@/lib/jobs/periodic";
import { deliverEscalationNotifications, type TDeliver } from "./delivery";
import { listenForDueNotifications } from "./wake-up";
import { advanceDueEscalations, ADVANCE_BATCH } from "./worker";

// Every second: a step is notified within a second of its due time (the accuracy target is
// 5 s), and one indexed query finds nothing to do when nothing is due.
const ESCALATION_INTERVAL_MS = 1_000;
// While steps are still being written, how often the delivery side looks for their notifications.
const DELIVERY_POLL_MS = 50;
// Notifications handed over at once.
const DELIVERY_LANES = 16;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One tick: advances every due run and hands over every due notification, side by side, so a step's
 * notifications go out as soon as its transaction commits. One batch of each per tick (50 steps, 20
 * notifications) made a burst wait for later ticks: the 100th of 100 incidents opened at once was
 * notified five ticks after the first; batches of 20 handed over together waited for their slowest.
 */
export async function escalationTick(deliver: TDeliver, clock: () => Date = () => new Date()): Promise<void> {
  let advancing = true;
  const advance = async () => {
    try {
      let advanced: number;
      do advanced = (await advanceDueEscalations(clock())).length;
      while (advanced === ADVANCE_BATCH); // a full batch: more may be due
    } finally {
      advancing = false;
    }
  };
  // Each lane hands over one notification at a time, so a slow channel holds up only its own lane,
  // not a batch waiting for its slowest member.
  const handOver = async () => {
    for (;;) {
      // A refused notification is booked for a later attempt, so each round claims only new rows.
      if ((await deliverEscalationNotifications(deliver, clock(), 1)) > 0) continue;
      if (!advancing) return;
      await pause(DELIVERY_POLL_MS);
    }
  };
  const results = await Promise.allSettled([advance(), ...Array.from({ length: DELIVERY_LANES }, handOver)]);
  for (const result of results) if (result.status === "rejected") throw result.reason;
}

/**
 * Runs escalation in this app process: advance due runs, and hand their notifications to `deliver`,
 * every second and as soon as any process commits a step (an incident opening writes its first).
 */
export function startEscalationWorker(deliver: TDeliver): () => void {
  const job = startPeriodicJob({ name: "escalation", everyMs: ESCALATION_INTERVAL_MS, runAtStart: true, run: () => escalationTick(deliver) });
  const stopListening = listenForDueNotifications(job.wake);
  return () => {
    stopListening();
    job();
  };
}
