// The escalation worker's thread (see thread-host.ts): escalation steps, their
// notifications and the notification rules' later sends, on an event loop and connection pool of
// their own. Loaded by the host as a worker thread; it inherits the process's environment (the
// database, FIREBREAK_CLOCK); thread.mjs registers tsx for it.
import "@/lib/launcher/server-only-in-node";
import { parentPort } from "node:worker_threads";
import { installClockFromEnv } from "@/lib/clock/shifted-clock";

installClockFromEnv();
const { setDbPoolSize, disconnectDb } = await import("@/lib/db/prisma");
// A step is a short transaction, a handful at a time; the web side keeps its 20.
setDbPoolSize(6);
const { startEscalationWorker } = await import("@/lib/escalation/job");
const { deliverToPeople } = await import("@/lib/escalation/deliver-to-people");
const { startNotificationJob } = await import("@/lib/notifications/notify");
const { closeEmailTransport } = await import("@/lib/notifications/channels/email");

const stopJobs = [startEscalationWorker(deliverToPeople), startNotificationJob()];

parentPort?.on("message", (message: unknown) => {
  if (message !== "stop") return;
  for (const stop of stopJobs) stop();
  closeEmailTransport();
  void disconnectDb().finally(() => parentPort?.close());
});
parentPort?.postMessage("started");
