import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmbeddedPostgres, type TEmbeddedDatabase } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrate";
import { disconnectDb } from "@/lib/db/prisma";
import { addIncidentNote, declareIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { latestTimelineEntryId } from "@/lib/timeline/queries";
import { timelineEventStream } from "@/lib/timeline/stream";
import { appProcessArgs } from "@/tests/app-process";
import { useDatabase } from "@/tests/use-database";

const run = promisify(execFile);

/** A browser's EventSource: reads the stream, and when it ends reconnects from the last id it got, every 200 ms until it can. */
function browserStream(incidentId: string, after: bigint) {
  const received: { id: string; body: string }[] = [];
  const abort = new AbortController();
  let streamsOpened = 0;
  let lastId = after;
  const follow = async () => {
    while (!abort.signal.aborted) {
      streamsOpened += 1;
      const reader = timelineEventStream({ incidentId, afterId: lastId, signal: abort.signal }).getReader();
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

// A PostgreSQL of this file's own, so that restarting it disturbs no other test file.
let dataDir: string;
let database: TEmbeddedDatabase;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "firebreak-stream-restart-"));
  database = await startEmbeddedPostgres(dataDir);
  await applyMigrations(database.databaseUrl, () => {});
  await useDatabase(database.databaseUrl);
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
});

it("keeps every open stream whole across a restart of PostgreSQL: they end, resume, and get every note", async () => {
  const responder = await createTestUser("responder");
  const incident = await declareIncident(responder, { title: "Streams outlive the database", severity: "SEV2", serviceIds: [], summary: "" });
  const after = await latestTimelineEntryId();
  const streams = [browserStream(incident.id, after), browserStream(incident.id, after), browserStream(incident.id, after)];
  const bodies = (stream: (typeof streams)[number]) => stream.received.map((entry) => entry.body);

  await addIncidentNote(responder, incident.id, "before the outage");
  await expect.poll(() => streams.map(bodies), { timeout: 10_000 }).toEqual(Array(3).fill(["before the outage"]));

  // PostgreSQL stops (a restart, a fail-over).
  await database.stop();
  // Every stream noticed: each has been reopened (and keeps retrying) instead of staying silently open.
  await expect.poll(() => streams.every((stream) => stream.opened() > 1), { timeout: 10_000 }).toBe(true);
  // Down for longer than the bus's first reconnection attempt.
  await new Promise((resolve) => setTimeout(resolve, 2_500));

  // Back on the same socket; another app process writes at once, before this one listens again.
  database = await startEmbeddedPostgres(dataDir);
  await run(process.execPath, appProcessArgs("tests/integration/note-process.ts", incident.id, responder.id, "right after the restart"), {
    env: { ...process.env, DATABASE_URL: database.databaseUrl },
  });
  await addIncidentNote(responder, incident.id, "after the restart");
  await expect
    .poll(() => streams.map(bodies), { timeout: 30_000 })
    .toEqual(Array(3).fill(["before the outage", "right after the restart", "after the restart"]));
  await Promise.all(streams.map((stream) => stream.close()));
}, 60_000);
