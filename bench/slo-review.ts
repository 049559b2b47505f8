// Error budgets at scale, on the embedded PostgreSQL:
//   1. 200 SLOs × 30 days of minute buckets (8.64 M) written through the SLI writer, 100 incidents;
//   2. the sprint-review page's data (every service, SLO and incident) and the status of all 200 SLOs,
//      warm, for 7-, 28- and 30-day windows, against summing the minute buckets without rollups;
//   3. pushed SLI batches over HTTP (needs a production build): buckets/s.
// Prints figures; asserts nothing.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/migrate";
import { startBenchServer } from "./bench-server";

const SERVICES = 40;
const SLOS_PER_SERVICE = 5;
const DAYS = 30;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const PUSH_SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PUSH_BATCH = 1_000;

const dataDir = await mkdtemp(path.join(tmpdir(), "firebreak-bench-slo-"));
const database = await startEmbeddedPostgres(dataDir);
process.env.DATABASE_URL = database.databaseUrl;
await applyMigrations(database.databaseUrl, () => {});

const { db, disconnectDb } = await import("../lib/db/prisma");
const { insertUser, createApiToken } = await import("../lib/users/service");
const { createService } = await import("../lib/catalog/service");
const { createSlo } = await import("../lib/slo/service");
const { writeSliMinutes } = await import("../lib/slo/sli-store");
const { sloStatuses } = await import("../lib/slo/status");
const { sprintReview } = await import("../lib/slo/sprint-review");
const { declareIncident, updateIncident } = await import("../lib/incidents/service");

const now = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
const admin = await insertUser({ email: "bench@example.com", name: "Bench", role: "admin", password: "bench-password-123" });
const actor = { id: admin.id, name: admin.name, email: admin.email, role: admin.role };

console.log(`Writing ${SERVICES * SLOS_PER_SERVICE} SLOs × ${DAYS} days of minute buckets…`);
const slos: { id: string; serviceId: string }[] = [];
for (let service = 0; service < SERVICES; service++) {
  const created = await createService(actor, { name: `Service ${service}`, ownerTeam: "Bench", description: "" });
  for (let index = 0; index < SLOS_PER_SERVICE; index++) {
    const slo = await createSlo(actor, { serviceId: created.id, name: `SLO ${index}`, kind: "availability", objectivePercent: 99.9, window: "rolling_30d" });
    slos.push({ id: slo.id, serviceId: created.id });
  }
}
const minutesPerSlo = DAYS * 24 * 60;
const writeStarted = performance.now();
let written = 0;
async function writeSlo(slo: { id: string }, seed: number) {
  const minutes = Array.from({ length: minutesPerSlo }, (_, index) => {
    const total = 500 + ((index * 31 + seed) % 500);
    return { minute: new Date(now.getTime() - (minutesPerSlo - index) * MINUTE), good: total - ((index + seed) % 211 === 0 ? 7 : 0), total };
  });
  await db().$transaction((tx) => writeSliMinutes(tx, slo.id, minutes), { timeout: 300_000 });
  written += minutes.length;
}
const queue = slos.map((slo, index) => () => writeSlo(slo, index));
await Promise.all(
  Array.from({ length: 2 }, async () => {
    for (let work = queue.shift(); work; work = queue.shift()) await work();
  }),
);
const writeSeconds = (performance.now() - writeStarted) / 1000;
console.log(
  `  ${written.toLocaleString("en")} buckets in ${writeSeconds.toFixed(1)} s (${Math.round(written / writeSeconds).toLocaleString("en")} buckets/s through the writer, hourly rollups included)`,
);

for (let index = 0; index < 100; index++) {
  const startedAt = new Date(now.getTime() - ((index * 7) % (DAYS - 1)) * DAY - (index % 24) * 3_600_000 - DAY);
  const incident = await declareIncident(
    actor,
    { title: `Bench incident ${index}`, severity: "SEV3", serviceIds: [slos[(index * 5) % slos.length]?.serviceId as string], summary: "", startedAt },
    startedAt,
  );
  await updateIncident(actor, incident.id, { status: "resolved" }, new Date(startedAt.getTime() + (20 + index) * MINUTE));
}
await db().$executeRawUnsafe(`VACUUM ANALYZE "SliBucket"`);
await db().$executeRawUnsafe(`VACUUM ANALYZE "SliHour"`);
const [sizes] = await db().$queryRaw<{ buckets: string; hours: string }[]>`
  SELECT pg_size_pretty(pg_total_relation_size('"SliBucket"')) AS buckets, pg_size_pretty(pg_total_relation_size('"SliHour"')) AS hours`;
console.log(`  storage: minute buckets ${sizes?.buckets}, hourly rollups ${sizes?.hours}`);

async function timed(label: string, work: () => Promise<unknown>, runs = 10) {
  for (let warm = 0; warm < 3; warm++) await work();
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(58)} median ${samples[Math.floor(runs / 2)]?.toFixed(0)} ms, max ${samples[runs - 1]?.toFixed(0)} ms`);
}

const allSlos = await db().slo.findMany({ select: { id: true, objective: true, window: true, timeZone: true, burnRateFactors: true } });
for (const window of ["rolling_7d", "rolling_28d", "rolling_30d"] as const) {
  await db().slo.updateMany({ data: { window } });
  const sized = allSlos.map((slo) => ({ ...slo, window }));
  console.log(`Window ${window}:`);
  await timed("sprint review data (200 SLOs, 40 services, 100 incidents)", () => sprintReview(new Date(now.getTime() - 14 * DAY), now));
  await timed("budget, burn rates and alert state of all 200 SLOs", () => sloStatuses(sized, now));
}
const windowDays = 30;
await timed(
  `without rollups: sum 200 × ${windowDays} days of minute buckets`,
  () =>
    db().$queryRaw`SELECT "sloId", sum("good"), sum("total") FROM "SliBucket" WHERE "minute" >= ${new Date(now.getTime() - windowDays * DAY)} GROUP BY "sloId"`,
);

// Pushed batches over HTTP: 1,000 minutes each, replacing minutes of the 200 SLOs in turn.
const { token } = await createApiToken(actor, "bench");
await disconnectDb();
const server = await startBenchServer({ DATABASE_URL: database.databaseUrl });
let sequence = 0;
const result = await new Promise<autocannon.Result>((resolve, reject) =>
  autocannon(
    {
      url: `http://127.0.0.1:${server.port}`,
      connections: 8,
      duration: PUSH_SECONDS,
      requests: [
        {
          method: "POST",
          setupRequest: (request) => {
            const turn = sequence++;
            const slo = slos[turn % slos.length] as { id: string };
            const offset = (Math.floor(turn / slos.length) * PUSH_BATCH) % (minutesPerSlo - PUSH_BATCH - 600);
            const buckets = Array.from({ length: PUSH_BATCH }, (_, index) => ({
              minute: new Date(now.getTime() - (offset + index + 1) * MINUTE).toISOString(),
              good: 990,
              total: 1000,
            }));
            return { ...request, path: `/api/slos/${slo.id}/sli`, body: JSON.stringify({ buckets }) };
          },
        },
      ],
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    },
    (error, outcome) => (error ? reject(error) : resolve(outcome)),
  ),
);
console.log(`Pushed SLI batches over HTTP (${PUSH_BATCH} buckets each, 8 connections, ${PUSH_SECONDS} s):`);
console.log(
  `  ${Math.round(result.requests.average * PUSH_BATCH).toLocaleString("en")} buckets/s (${result.requests.average.toFixed(1)} batches/s), ` +
    `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
);

await server.stop();
await database.stop();
await rm(dataDir, { recursive: true, force: true });
