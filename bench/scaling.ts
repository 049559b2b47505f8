// Scaling out: Firebreak as 1, 2 and 3 app processes behind nginx, the reference deployment of
// README's "Running as many processes" (deploy/nginx/firebreak.conf on Debian's nginx, Debian's
// redis-server, each process started as the systemd unit starts it), on one PostgreSQL running apart
// from them. For each process count, through nginx:
//   1. first sight: 500 new alert groups of 10 alerts each, every webhook opens an incident
//   2. intake at saturation: Alertmanager re-sending those groups, 20 connections
//   3. fan-out: 1,000 live streams of one incident spread over the processes, 20 notes written
// Everything shares the machine's cores: PostgreSQL, nginx, Redis, the app processes and this
// script's load generator. Needs `npm run build`, nginx and redis-server. Prints figures; asserts nothing.
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import "../lib/launcher/server-only-in-node";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/migrate";
import { setBenchEnvironment } from "./bench-server";
import { ALERTS_PER_WEBHOOK, firstSight, groupsFrom, POOL_GROUPS, sustainedLoad } from "./ingest-load";
import { openSubscribers, percentile, timeNotes } from "./stream-subscribers";

const PROCESS_COUNTS = (process.env.BENCH_PROCESSES ?? "1,2,3").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
const NOTES = 20;

const dataDir = await mkdtemp(path.join(tmpdir(), "firebreak-bench-scaling-"));
const database = await startEmbeddedPostgres(dataDir);
setBenchEnvironment(database.databaseUrl);
const { missingForReferenceDeployment, startReferenceDeployment } = await import("../tests/reference-deployment");
const missing = missingForReferenceDeployment();
if (missing) {
  console.log(`Cannot run: ${missing}.`);
  await database.stop();
  process.exit(1);
}
await applyMigrations(database.databaseUrl, () => {});
const { disconnectDb } = await import("../lib/db/prisma");
const { insertUser, createApiToken } = await import("../lib/users/service");
const { createIntegration } = await import("../lib/alerts/integrations");
const { declareIncident, addIncidentNote } = await import("../lib/incidents/service");
const { latestTimelineEntryId } = await import("../lib/timeline/queries");
const { MAX_LIVE_STREAMS_PER_USER } = await import("../lib/timeline/stream-slots");

const admin = await insertUser({ email: "scaling@example.com", name: "Scaling", role: "admin", password: "scaling-password-1" });
const actor = { id: admin.id, name: admin.name, email: admin.email, role: admin.role };
// One person may hold only MAX_LIVE_STREAMS_PER_USER streams: the subscribers are that many people's tabs each.
const tokens = await Promise.all(
  Array.from({ length: Math.ceil(SUBSCRIBERS / MAX_LIVE_STREAMS_PER_USER) }, async (_, index) => {
    const viewer = await insertUser({ email: `viewer-${index}@scaling.example`, name: `Viewer ${index}`, role: "viewer", password: "scaling-password-1" });
    return (await createApiToken({ id: viewer.id, name: viewer.name, email: viewer.email, role: viewer.role }, "bench")).token;
  }),
);

async function fanOut(publicUrl: string, processCount: number) {
  const incident = await declareIncident(actor, { title: `Fan-out over ${processCount}`, severity: "SEV3", serviceIds: [], summary: "" });
  const subscribers = await openSubscribers({
    count: SUBSCRIBERS,
    incidentId: incident.id,
    after: await latestTimelineEntryId(),
    baseUrlOf: () => publicUrl,
    tokenOf: (index) => tokens[Math.floor(index / MAX_LIVE_STREAMS_PER_USER)] as string,
  });
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  // From the start of the note's transaction (here) to its arrival at each subscriber, through nginx.
  const { latencies, missing } = await timeNotes(subscribers, NOTES, (body) => addIncidentNote(actor, incident.id, body));
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), lost: missing };
}

const rows: string[] = [];
try {
  for (const processCount of PROCESS_COUNTS) {
    const deployment = await startReferenceDeployment({
      databaseUrl: database.databaseUrl,
      secret: process.env.NEXTAUTH_SECRET as string,
      appCount: processCount,
      appEnv: { FIREBREAK_INTAKE_PER_MINUTE: "0", FIREBREAK_STREAM_MAX_SECONDS: "3600" },
    });
    try {
      const receiver = async (name: string) => {
        const integration = await createIntegration(actor, {
          name: `${name}-${processCount}`,
          source: "alertmanager",
          defaultServiceId: null,
          defaultSeverity: "SEV3",
        });
        return `${deployment.publicUrl}/api/integrations/${integration.key}/alerts`;
      };
      const [warmUp, alerts] = [await receiver("warm-up"), await receiver("alerts")];
      // Warm every process (code loaded on first requests, connection pools) before measuring, with
      // groups of their own: alerts of a group already open join its incident instead of opening one.
      await sustainedLoad(warmUp, { seconds: 3, body: groupsFrom(POOL_GROUPS) });
      const opened = await firstSight(alerts);
      const intake = await sustainedLoad(alerts, { seconds: SECONDS });
      const streams = await fanOut(deployment.publicUrl, processCount);
      const row = [
        `${processCount}`,
        `${opened.groupsPerSecond.toFixed(0)} groups/s, p99 ${opened.result.latency.p99} ms`,
        `${(intake.requests.average * ALERTS_PER_WEBHOOK).toFixed(0)} alerts/s, p99 ${intake.latency.p99} ms, ${intake.non2xx + intake.errors} failed`,
        `p50 ${streams.p50.toFixed(0)} ms, p99 ${streams.p99.toFixed(0)} ms, ${streams.lost} lost`,
      ];
      console.log(`${processCount} process(es): first sight ${row[1]}; intake ${row[2]}; fan-out to ${SUBSCRIBERS} streams ${row[3]}`);
      rows.push(`| ${row.join(" | ")} |`);
    } finally {
      await deployment.stop();
    }
  }
  console.log(`\n| app processes | first sight (500 new groups) | intake at saturation | fan-out to ${SUBSCRIBERS} streams (${NOTES} notes) |`);
  console.log("|---|---|---|---|");
  for (const row of rows) console.log(row);
  console.log(
    `\n${cpus().length} cores; load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(" / ")} (1/5/15 min)`,
  );
} finally {
  await disconnectDb();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
