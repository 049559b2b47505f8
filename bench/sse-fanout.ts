// Fan-out of timeline entries to 500 SSE subscribers, with one app process and with two.
// Latency runs from the start of the transaction that writes a note (in this process) to its
// arrival at each subscriber: an upper bound on commit-to-receipt. Needs `npm run build` first.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import "../lib/launcher/server-only-in-node";
import { freeLoopbackPort, startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/migrate";
import { setBenchEnvironment, startBenchServer } from "./bench-server";
import { heapUsedAfterGc } from "./heap-probe";
import { closeSubscribers, openSubscribers, percentile, timeNotes } from "./stream-subscribers";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 500);
const NOTES = 20;

const dataDir = await mkdtemp(path.join(tmpdir(), "firebreak-bench-sse-"));
const database = await startEmbeddedPostgres(dataDir);
setBenchEnvironment(database.databaseUrl);
await applyMigrations(database.databaseUrl, () => {});
const { disconnectDb } = await import("../lib/db/prisma");
const { insertUser, createApiToken } = await import("../lib/users/service");
const { declareIncident, addIncidentNote } = await import("../lib/incidents/service");

const { MAX_LIVE_STREAMS_PER_USER } = await import("../lib/timeline/stream-slots");

const user = await insertUser({ email: "fanout@example.com", name: "Fan-out", role: "responder", password: "fanout-password-1" });
const actor = { id: user.id, name: user.name, email: user.email, role: user.role };
// One user may hold only MAX_LIVE_STREAMS_PER_USER streams: the subscribers are that many people's tabs each.
const tokens = await Promise.all(
  Array.from({ length: Math.ceil(SUBSCRIBERS / MAX_LIVE_STREAMS_PER_USER) }, async (_, index) => {
    const viewer = await insertUser({ email: `viewer-${index}@example.com`, name: `Viewer ${index}`, role: "viewer", password: "fanout-password-1" });
    return (await createApiToken({ id: viewer.id, name: viewer.name, email: viewer.email, role: viewer.role }, "bench")).token;
  }),
);
const incident = await declareIncident(actor, { title: "Fan-out benchmark", severity: "SEV3", serviceIds: [], summary: "" });
const { latestTimelineEntryId } = await import("../lib/timeline/queries");

const rssKiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);

async function measure(label: string, processCount: number) {
  const inspectPorts = await Promise.all(Array.from({ length: processCount }, () => freeLoopbackPort()));
  const servers = await Promise.all(
    inspectPorts.map((inspectPort) => startBenchServer({ FIREBREAK_STREAM_MAX_SECONDS: "3600" }, [`--inspect=127.0.0.1:${inspectPort}`])),
  );
  const heapAfterGc = async () => (await Promise.all(inspectPorts.map(heapUsedAfterGc))).reduce((sum, bytes) => sum + bytes, 0);
  const ports = servers.map((server) => server.port);
  const pids = servers.map((server) => server.process.pid as number);
  const after = await latestTimelineEntryId();
  // A fresh server loads most of its code on its first requests: warm it with a round of streams
  // opened and closed, so that what is measured is what each stream holds.
  const warmUp = await openSubscribers({
    count: 20 * processCount,
    incidentId: incident.id,
    after,
    baseUrlOf: (index) => `http://127.0.0.1:${ports[index % ports.length]}`,
    tokenOf: (index) => tokens[index % tokens.length] as string,
  });
  await closeSubscribers(warmUp);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const before = pids.map(rssKiB);
  const heapBefore = await heapAfterGc();
  // Viewers arrive over a few seconds, 50 at a time, as people open the room after a page.
  const subscribers = await openSubscribers({
    count: SUBSCRIBERS,
    incidentId: incident.id,
    after,
    baseUrlOf: (index) => `http://127.0.0.1:${ports[index % ports.length]}`,
    tokenOf: (index) => tokens[Math.floor(index / MAX_LIVE_STREAMS_PER_USER)] as string,
  });
  // Let the burst of joins (presence) settle before measuring.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const connected = pids.map(rssKiB);
  const perSubscriber = (connected.reduce((sum, value) => sum + value, 0) - before.reduce((sum, value) => sum + value, 0)) / SUBSCRIBERS;
  const heapPerSubscriber = ((await heapAfterGc()) - heapBefore) / 1024 / SUBSCRIBERS;

  const { latencies, missing } = await timeNotes(subscribers, NOTES, (body) => addIncidentNote(actor, incident.id, body));
  await Promise.all(servers.map((server) => server.stop()));
  console.log(`${label}: ${SUBSCRIBERS} subscribers, ${NOTES} notes`);
  console.log(
    `  fan-out latency: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${percentile(latencies, 100).toFixed(1)} ms; ${missing} deliveries missing`,
  );
  console.log(
    `  memory per idle subscriber: ${heapPerSubscriber.toFixed(1)} KiB of JavaScript heap after a full GC; ${perSubscriber.toFixed(1)} KiB of server RSS`,
  );
}

try {
  await measure("one app process", 1);
  await measure("two app processes (subscribers split across them, notes written by a third)", 2);
} finally {
  await disconnectDb();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
