// A separate app process for the escalation tests. `advance <ISO now> <n>`: advances the due runs n
// times at once and prints the outcomes. `worker`: runs the escalation job as the server does, on
// this process's clock (FIREBREAK_CLOCK), printing one JSON line per notification handed over.
import "../clock-setup";
import { disconnectDb } from "@/lib/db/prisma";
import { startEscalationWorker } from "@/lib/escalation/job";
import { advanceDueEscalations } from "@/lib/escalation/worker";

const [mode, nowIso, count] = process.argv.slice(2);
if (mode === "advance") {
  const now = new Date(nowIso ?? "");
  const outcomes = await Promise.all(Array.from({ length: Number(count) }, () => advanceDueEscalations(now)));
  await disconnectDb();
  process.stdout.write(JSON.stringify(outcomes.flat()));
} else {
  startEscalationWorker(async (recipient, notice) => {
    process.stdout.write(`${JSON.stringify({ recipient, incident: notice.incident.id, step: notice.step })}\n`);
  });
  process.stdout.write("ready\n");
  // Kept alive by the test, which ends it with a signal.
  setInterval(() => {}, 60_000);
}
