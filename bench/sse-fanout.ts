// Fan-out of timeline entries to 500 SSE subscribers, with one app process and with two.
// Latency runs from the start of the transaction that writes a note (in this process) to its
// arrival at each subscriber: an upper bound on commit-to-receipt. Needs `npm run build` first.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import "../lib/launcher/server-only-in-node";
import { freeLoopbackPort, startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/migrate";
import { setBenchEnvironment, startBenchServer } from "./bench-server";
import { heapUsedAfterGc } from "./heap-probe";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 500);
const NOTES = 20;
const ARRIVING_AT_ONCE = 50;

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

type TSubscriber = { request: http.ClientRequest; arrivals: Map<string, number> };

/** Opens a stream; resolves once the replay is over and entries arrive live. */
function subscribe(port: number, agent: http.Agent, after: bigint, token: string): Promise<TSubscriber> {
  return new Promise((resolve, reject) => {
    const arrivals = new Map<string, number>();
    const request = http.get(
      { host: "127.0.0.1", port, agent, path: `/api/incidents/${incident.id}/events?after=${after}`, headers: { authorization: `Bearer ${token}` } },
      (response) => {
        let buffered = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          const now = performance.now();
          buffered += chunk;
          const blocks = buffered.split("\n\n");
          buffered = blocks.pop() ?? "";
          for (const block of blocks) {
            if (block.startsWith(": live")) resolve({ request, arrivals });
            const marker = /"body":"note-(\d+)"/.exec(block);
            if (marker?.[1]) arrivals.set(marker[1], now);
          }
        });
      },
    );
    request.on("error", reject);
  });
}

const percentile = (values: number[], p: number) => values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;

async function measure(label: string, processCount: number) {
  const inspectPorts = await Promise.all(Array.from({ length: processCount }, () => freeLoopbackPort()));
  const servers = await Promise.all(
    inspectPorts.map((inspectPort) => startBenchServer({ FIREBREAK_STREAM_MAX_SECONDS: "3600" }, [`--inspect=127.0.0.1:${inspectPort}`])),
  );
  const heapAfterGc = async () => (await Promise.all(inspectPorts.map(heapUsedAfterGc))).reduce((sum, bytes) => sum + bytes, 0);
  const ports = servers.map((server) => server.port);
  const pids = servers.map((server) => server.process.pid as number);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const after = await latestTimelineEntryId();
  // A fresh server loads most of its code on its first requests: warm it with a round of streams
  // opened and closed, so that what is measured is what each stream holds.
  const warmUp = await Promise.all(
    Array.from({ length: 20 * processCount }, (_, index) =>
      subscribe(ports[index % ports.length] as number, agent, after, tokens[index % tokens.length] as string),
    ),
  );
  for (const subscriber of warmUp) subscriber.request.destroy();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const before = pids.map(rssKiB);
  const heapBefore = await heapAfterGc();
  // Viewers arrive over a few seconds, 50 at a time, as people open the room after a page.
  const subscribers: TSubscriber[] = [];
  for (let first = 0; first < SUBSCRIBERS; first += ARRIVING_AT_ONCE) {
    const arriving = Array.from({ length: Math.min(ARRIVING_AT_ONCE, SUBSCRIBERS - first) }, (_, offset) => first + offset);
    subscribers.push(
      ...(await Promise.all(
        arriving.map((index) =>
          subscribe(ports[index % ports.length] as number, agent, after, tokens[Math.floor(index / MAX_LIVE_STREAMS_PER_USER)] as string),
        ),
      )),
    );
  }
  // Let the burst of joins (presence) settle before measuring.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const connected = pids.map(rssKiB);
  const perSubscriber = (connected.reduce((sum, value) => sum + value, 0) - before.reduce((sum, value) => sum + value, 0)) / SUBSCRIBERS;
  const heapPerSubscriber = ((await heapAfterGc()) - heapBefore) / 1024 / SUBSCRIBERS;

  const sentAt = new Map<string, number>();
  for (let note = 0; note < NOTES; note++) {
    sentAt.set(String(note), performance.now());
    await addIncidentNote(actor, incident.id, `note-${note}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const latencies: number[] = [];
  let missing = 0;
  for (const subscriber of subscribers) {
    for (const [note, sent] of sentAt) {
      const arrived = subscriber.arrivals.get(note);
      if (arrived === undefined) missing++;
      else latencies.push(arrived - sent);
    }
    subscriber.request.destroy();
  }
  agent.destroy();
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
