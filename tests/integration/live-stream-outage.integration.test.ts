import { execFile } from "node:child_process";
import net from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { disconnectDb } from "@/lib/db/prisma";
import { addIncidentNote, declareIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { latestTimelineEntryId } from "@/lib/timeline/queries";
import { timelineEventStream } from "@/lib/timeline/stream";

const run = promisify(execFile);

/**
 * PostgreSQL as this process sees it, through a TCP relay that can drop every connection and refuse
 * new ones, as a restart or a fail-over does, while other processes keep their own connections.
 */
class DatabaseLink {
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | null = null;
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async up() {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async down() {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** A browser's EventSource: reads the stream, and when it ends reconnects from the last id it got, every 200 ms until it can. */
function browserStream(incidentId: string, after: bigint) {
  const received: { id: string; body: string }[] = [];
  const abort = new AbortController();
  let streamsOpened = 0;
  let lastId = after;
  const follow = async () => {
    while (!abort.signal.aborted) {
      streamsOpened += 1;
      const reader = timelineEventStream(incidentId, lastId, abort.signal).getReader();
      let text = "";
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) break;
        text += new TextDecoder().decode(value);
        for (let end = text.indexOf("\n\n"); end >= 0; end = text.indexOf("\n\n")) {
          const event = text.slice(0, end);
          text = text.slice(end + 2);
          const data = /^data: (.*)$/m.exec(event)?.[1];
          const id = /^id: (.*)$/m.exec(event)?.[1];
          if (data && id && event.includes("event: timeline")) {
            received.push({ id, body: (JSON.parse(data) as { body: string }).body });
            lastId = BigInt(id);
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const done = follow();
  return { received, opened: () => streamsOpened, close: () => (abort.abort(), done) };
}

let link: DatabaseLink;
const directUrl = inject("databaseUrl");

beforeAll(async () => {
  const url = new URL(directUrl);
  link = new DatabaseLink({ host: url.hostname, port: Number(url.port) });
  await link.up();
  url.port = String(link.port);
  await disconnectDb();
  process.env.DATABASE_URL = url.toString();
});

afterAll(async () => {
  await link.down();
});

it("keeps every open stream whole across a PostgreSQL outage: they end, resume, and get every note", async () => {
  const responder = await createTestUser("responder");
  const incident = await declareIncident(responder, { title: "Streams outlive the database", severity: "SEV2", serviceIds: [], summary: "" });
  const after = await latestTimelineEntryId();
  const streams = [browserStream(incident.id, after), browserStream(incident.id, after), browserStream(incident.id, after)];
  const bodies = (stream: (typeof streams)[number]) => stream.received.map((entry) => entry.body);

  await addIncidentNote(responder, incident.id, "before the outage");
  await expect.poll(() => streams.map(bodies), { timeout: 10_000 }).toEqual(Array(3).fill(["before the outage"]));

  // PostgreSQL goes away for this process; another process goes on writing.
  await link.down();
  await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "tests/integration/note-process.ts", incident.id, responder.id, "during the outage"], {
    env: { ...process.env, DATABASE_URL: directUrl },
  });
  // Every stream noticed: each has been reopened (and keeps retrying) instead of staying silently open.
  await expect.poll(() => streams.every((stream) => stream.opened() > 1), { timeout: 10_000 }).toBe(true);
  // Down for longer than the bus's first reconnection attempt.
  await new Promise((resolve) => setTimeout(resolve, 2_500));

  await link.up();
  await addIncidentNote(responder, incident.id, "after the outage");
  await expect
    .poll(() => streams.map(bodies), { timeout: 20_000 })
    .toEqual(Array(3).fill(["before the outage", "during the outage", "after the outage"]));
  await Promise.all(streams.map((stream) => stream.close()));
}, 60_000);
