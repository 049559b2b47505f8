import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { processAlive } from "../lib/db/data-dir-lock";
import {
  api,
  attachOutputIfFailed,
  createAdminWithToken,
  embeddedDatabaseUrl,
  launchFirebreak,
  newDataDir,
  postmasterPid,
  removeDataDir,
  stopFirebreak,
  waitUntilHealthy,
  type TFirebreakProcess,
} from "./server-process";

// Real processes, no browser: each test runs servers of its own on free ports and temporary data directories.
const servers: TFirebreakProcess[] = [];
const dataDirs: string[] = [];

test.afterEach(async ({}, testInfo) => {
  await attachOutputIfFailed(testInfo, servers);
  for (const server of servers.splice(0)) await stopFirebreak(server);
  for (const dir of dataDirs.splice(0)) await removeDataDir(dir);
});

async function start(dataDir: string) {
  const server = await launchFirebreak({ dataDir });
  servers.push(server);
  return server;
}

test("starts again after the app was killed with SIGKILL, with its data, and still refuses a second Firebreak on the same data directory", async () => {
  test.setTimeout(300_000);
  const dataDir = await newDataDir("crash");
  dataDirs.push(dataDir);

  const crashed = await start(dataDir);
  await waitUntilHealthy(crashed);
  const { token } = await createAdminWithToken(await embeddedDatabaseUrl(dataDir));
  const title = `Declared before the crash ${randomUUID()}`;
  const declared = await api(crashed, token, "POST", "/api/incidents", { title, severity: "SEV3" });
  expect(declared.status).toBe(201);

  const orphan = postmasterPid(dataDir);
  crashed.child.kill("SIGKILL");
  await crashed.exited;
  // What a crash leaves: the database server, running on with nobody to stop it.
  expect(processAlive(orphan)).toBe(true);

  const restarted = await start(dataDir);
  await waitUntilHealthy(restarted);
  expect(restarted.output()).toContain(`Stopping the embedded PostgreSQL (PID ${orphan}) left running by a Firebreak that did not stop cleanly`);
  expect(processAlive(orphan)).toBe(false);
  const kept = await api(restarted, token, "GET", `/api/incidents/${declared.body?.number}`);
  expect(kept.status).toBe(200);
  expect(kept.body).toMatchObject({ title });

  // A live Firebreak keeps its data directory.
  const second = await start(dataDir);
  expect((await second.exited).code).toBe(1);
  expect(second.output()).toMatch(/Another Firebreak \(PID \d+\) is already running on this data directory/);
  expect((await fetch(`${restarted.baseUrl}/api/health`)).status).toBe(200);
});

test("restarts the embedded PostgreSQL when it is killed under the running app", async () => {
  test.setTimeout(300_000);
  const dataDir = await newDataDir("postmaster-killed");
  dataDirs.push(dataDir);
  const server = await start(dataDir);
  await waitUntilHealthy(server);
  const { token } = await createAdminWithToken(await embeddedDatabaseUrl(dataDir));

  const killed = postmasterPid(dataDir);
  process.kill(killed, "SIGKILL");

  await expect
    .poll(
      async () => {
        const pid = postmasterPid(dataDir);
        return pid !== killed && processAlive(pid) && (await fetch(`${server.baseUrl}/api/ready`)).status;
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(200);
  const declared = await api(server, token, "POST", "/api/incidents", { title: `Declared after the database restarted ${randomUUID()}`, severity: "SEV4" });
  expect(declared.status).toBe(201);
  expect(server.output()).toContain("The embedded PostgreSQL stopped unexpectedly (SIGKILL)");
  expect(server.output()).toContain("The embedded PostgreSQL is running again");
});
