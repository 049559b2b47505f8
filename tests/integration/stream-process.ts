// A separate app process for the multi-process test: streams one incident's timeline and prints
// the first entry it receives after `afterId`, then exits.
import "../clock-setup";
import { disconnectDb } from "@/lib/db/prisma";
import { timelineBus } from "@/lib/timeline/event-bus";
import { timelineEventStream } from "@/lib/timeline/stream";

const [incidentId, after] = process.argv.slice(2) as [string, string];
const afterId = BigInt(after);
const abort = new AbortController();
await timelineBus().ready();
const reader = timelineEventStream({ incidentId, afterId, signal: abort.signal }).getReader();
const decoder = new TextDecoder();
let buffered = "";
let live = false;
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  buffered += decoder.decode(value);
  // Only once the replay is over is the next entry certain to arrive through LISTEN/NOTIFY.
  if (!live && buffered.includes(": live")) {
    live = true;
    process.stdout.write("ready\n");
  }
  const event = buffered.split("\n\n").find((block) => block.includes("event: timeline"));
  if (event) {
    process.stdout.write(`${event}\n`);
    break;
  }
}
abort.abort();
await disconnectDb();
process.exit(0);
