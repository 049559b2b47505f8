// 20 people editing one postmortem at once, through the real server's /collab WebSocket (needs a
// production build): each adds a paragraph every 500 ms for 20 s; every other editor records when
// it arrives. Prints update propagation latency (p50/p95/p99/max), deliveries missing, whether the
// documents converged, and the server's memory. Asserts nothing.
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { encode } from "next-auth/jwt";
import WebSocket from "ws";
import * as Y from "yjs";
import type { TActor } from "../lib/auth/permissions";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/migrate";
import { startBenchServer } from "./bench-server";

const EDITORS = Number(process.env.BENCH_EDITORS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const EDIT_EVERY_MS = 500;
const SECRET = "bench-secret-bench-secret-bench-secret";

const dataDir = await mkdtemp(path.join(tmpdir(), "firebreak-bench-collab-"));
const database = await startEmbeddedPostgres(dataDir);
process.env.DATABASE_URL = database.databaseUrl;
await applyMigrations(database.databaseUrl, () => {});

const { disconnectDb } = await import("../lib/db/prisma");
const { insertUser } = await import("../lib/users/service");
const { declareIncident, updateIncident } = await import("../lib/incidents/service");
const { createPostmortem } = await import("../lib/postmortems/service");
const { DOCUMENT_FIELD } = await import("../lib/postmortems/document-schema");

const editors: TActor[] = [];
for (let index = 0; index < EDITORS; index++) {
  const user = await insertUser({ email: `editor-${index}@bench.example`, name: `Editor ${index}`, role: "responder", password: "bench-password-123" });
  editors.push({ id: user.id, name: user.name, email: user.email, role: user.role });
}
const incident = await declareIncident(editors[0] as TActor, { title: "Bench incident", severity: "SEV2", serviceIds: [], summary: "" });
await updateIncident(editors[0] as TActor, incident.id, { status: "resolved" });
const postmortem = await createPostmortem(editors[0] as TActor, incident.id, "en");
await disconnectDb();

const server = await startBenchServer({ DATABASE_URL: database.databaseUrl, NEXTAUTH_SECRET: SECRET });
const rssMiB = async () => {
  const status = await readFile(`/proc/${server.process.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};
const idleRss = await rssMiB();

type TClient = { index: number; document: Y.Doc; provider: HocuspocusProvider; socket: HocuspocusProviderWebsocket };
const latencies: number[] = [];
let sent = 0;

async function connect(index: number): Promise<TClient> {
  const user = editors[index] as TActor;
  const cookie = `next-auth.session-token=${await encode({ token: { uid: user.id, sub: user.id }, secret: SECRET })}`;
  const socket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${server.port}/collab`,
    WebSocketPolyfill: class extends WebSocket {
      constructor(address: string) {
        super(address, { headers: { cookie } });
      }
    },
  });
  const document = new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: `postmortem:${postmortem.id}`, document, token: "session" });
  provider.attach();
  await new Promise<void>((resolve) => provider.on("synced", () => resolve()));
  // Each paragraph carries its sender and send time; everyone else records the delay on arrival.
  document.getXmlFragment(DOCUMENT_FIELD).observe((event) => {
    if (event.transaction.local) return;
    for (const item of event.changes.added) {
      for (const content of item.content.getContent()) {
        const marker = /edit:(\d+):\d+:(\d+)/.exec(String(content));
        if (marker && Number(marker[1]) !== index) latencies.push(Date.now() - Number(marker[2]));
      }
    }
  });
  return { index, document, provider, socket };
}

const clients = await Promise.all(Array.from({ length: EDITORS }, (_, index) => connect(index)));
const connectedRss = await rssMiB();
console.log(`${EDITORS} editors connected to one postmortem; typing for ${SECONDS} s (one paragraph each every ${EDIT_EVERY_MS} ms)…`);

let peakRss = connectedRss;
const deadline = Date.now() + SECONDS * 1000;
await Promise.all(
  clients.map(async (client) => {
    // Spread the editors over the interval, as people do not type in lockstep.
    await new Promise((resolve) => setTimeout(resolve, (client.index * EDIT_EVERY_MS) / EDITORS));
    for (let sequence = 0; Date.now() < deadline; sequence++) {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(`edit:${client.index}:${sequence}:${Date.now()}`)]);
      const fragment = client.document.getXmlFragment(DOCUMENT_FIELD);
      fragment.insert(fragment.length, [paragraph]);
      sent++;
      if (client.index === 0 && sequence % 10 === 0) peakRss = Math.max(peakRss, await rssMiB());
      await new Promise((resolve) => setTimeout(resolve, EDIT_EVERY_MS));
    }
  }),
);
await new Promise((resolve) => setTimeout(resolve, 2_000));

const sorted = [...latencies].sort((a, b) => a - b);
const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const expected = sent * (EDITORS - 1);
const first = clients[0]?.document.getXmlFragment(DOCUMENT_FIELD).toString();
const converged = clients.every((client) => client.document.getXmlFragment(DOCUMENT_FIELD).toString() === first);
console.log(`  ${sent} edits sent, ${latencies.length} of ${expected} deliveries received (${expected - latencies.length} missing)`);
console.log(`  propagation latency: p50 ${percentile(50)} ms, p95 ${percentile(95)} ms, p99 ${percentile(99)} ms, max ${sorted.at(-1)} ms`);
console.log(`  documents converged: ${converged ? "yes" : "NO"}`);
console.log(
  `  server RSS: ${idleRss.toFixed(0)} MiB idle, ${connectedRss.toFixed(0)} MiB with ${EDITORS} editors, ${peakRss.toFixed(0)} MiB peak while editing`,
);

for (const client of clients) {
  client.provider.destroy();
  client.socket.destroy();
}
await server.stop();
await database.stop();
await rm(dataDir, { recursive: true, force: true });
