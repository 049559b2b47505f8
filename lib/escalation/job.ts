import { startPeriodicJob } from "@/lib/jobs/periodic";
import { deliverEscalationNotifications, type TDeliver } from "./delivery";
import { advanceDueEscalations } from "./worker";

// Every second: a step is notified within a second of its due time (the accuracy target is
// 5 s), and one indexed query finds nothing to do when nothing is due.
const ESCALATION_INTERVAL_MS = 1_000;

/** Runs escalation in this app process: advance due runs, then hand their notifications to `deliver`. */
export const startEscalationWorker = (deliver: TDeliver) =>
  startPeriodicJob({
    name: "escalation",
    everyMs: ESCALATION_INTERVAL_MS,
    runAtStart: true,
    run: async () => {
      await advanceDueEscalations(new Date());
      await deliverEscalationNotifications(deliver, new Date());
    },
  });
