import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { countRows } from "../lib/db/backup";
import {
  api,
  attachOutputIfFailed,
  createAdminWithToken,
  embeddedDatabaseUrl,
  launchFirebreak,
  newDataDir,
  removeDataDir,
  stopFirebreak,
  waitUntilHealthy,
  withDatabase,
  type TFirebreakProcess,
} from "./server-process";

const servers: TFirebreakProcess[] = [];
const dirs: string[] = [];

test.afterEach(async ({}, testInfo) => {
  await attachOutputIfFailed(testInfo, servers);
  for (const server of servers.splice(0)) await stopFirebreak(server);
  for (const dir of dirs.splice(0)) await removeDataDir(dir);
});

/** `npm run <script> -- <arg>` as an operator types it, for the data directory given. */
async function npmRun(script: string, arg: string, dataDir: string): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, FIREBREAK_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const child = spawn("npm", ["run", "-s", script, "--", arg], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));
  return { code, output };
}

test("npm run backup while Firebreak runs, then npm run restore into a new data directory, brings back every row, the API tokens and the incident numbering", async () => {
  test.setTimeout(360_000);
  const original = await newDataDir("backup-source");
  const scratch = await newDataDir("backup-files");
  // A new, empty data directory, as `npm run restore` wants it.
  const restored = await newDataDir("restored");
  dirs.push(original, scratch, restored);
  const backup = path.join(scratch, "backup");

  const running = await launchFirebreak({ dataDir: original, env: { FIREBREAK_DEMO: "true" } });
  servers.push(running);
  await waitUntilHealthy(running);
  const originalUrl = await embeddedDatabaseUrl(original);
  const { token } = await createAdminWithToken(originalUrl);
  const last = await api(running, token, "POST", "/api/incidents", { title: `Declared before the backup ${randomUUID()}`, severity: "SEV3" });
  expect(last.status).toBe(201);
  const lastNumber = last.body?.number as number;

  // Background jobs may write while the backup runs: a table that changed meanwhile is compared with both bounds.
  const before = await countRows(originalUrl);
  const made = await npmRun("backup", backup, original);
  expect(made.code, made.output).toBe(0);
  const after = await countRows(originalUrl);
  await stopFirebreak(running);

  const restore = await npmRun("restore", backup, restored);
  expect(restore.code, restore.output).toBe(0);
  expect(restore.output).toContain(`Restored the backup`);

  const server = await launchFirebreak({ dataDir: restored });
  servers.push(server);
  await waitUntilHealthy(server);
  const counts = await countRows(await embeddedDatabaseUrl(restored));
  expect(Object.keys(counts).sort()).toEqual(Object.keys(before).sort());
  for (const [table, rows] of Object.entries(counts)) {
    const low = Math.min(before[table] as number, after[table] as number);
    const high = Math.max(before[table] as number, after[table] as number);
    expect(rows, table).toBeGreaterThanOrEqual(low);
    expect(rows, table).toBeLessThanOrEqual(high);
  }
  expect(counts.Incident).toBeGreaterThan(1);

  // The token made before the backup still signs in, and the next incident is numbered after the old ones.
  expect((await api(server, token, "GET", "/api/me")).status).toBe(200);
  expect((await api(server, token, "GET", `/api/incidents/${lastNumber}`)).body).toMatchObject({ number: lastNumber });
  const next = await api(server, token, "POST", "/api/incidents", { title: `Declared after the restore ${randomUUID()}`, severity: "SEV4" });
  expect(next.status).toBe(201);
  const highest = await withDatabase(
    await embeddedDatabaseUrl(restored),
    async (client) => (await client.query(`SELECT max(number)::int AS n FROM "Incident" WHERE id <> $1`, [next.body?.id])).rows[0]?.n,
  );
  expect(next.body?.number).toBeGreaterThan(highest);
  await stopFirebreak(server);

  // A restore never writes over a data directory in use or with data.
  const again = await npmRun("restore", backup, restored);
  expect(again.code).toBe(1);
  expect(again.output).toContain("is not empty");
});
