import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type TestInfo } from "@playwright/test";
import pg from "pg";
import { hashApiToken } from "../lib/auth/api-token";
import { processAlive, runningServerAddress } from "../lib/db/data-dir-lock";
import { databaseUrlOf, freeLoopbackPort } from "../lib/db/embedded-postgres";
import { pgConnectionFields } from "../lib/db/pg-connection";
import { storedDatabaseCredentials } from "../lib/launcher/local-secrets";

/** How an operator starts Firebreak: the npm script, or node itself (systemd units, containers). */
export type TLaunch = "npm start" | "node --import tsx";

export type TFirebreakProcess = {
  child: ChildProcess;
  baseUrl: string;
  dataDir: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export async function newDataDir(name: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `firebreak-${name}-`));
}

export async function removeDataDir(dataDir: string) {
  await rm(dataDir, { recursive: true, force: true });
}

/** Starts the real server (production build) on a free port of its own. */
export async function launchFirebreak(options: { dataDir: string; how?: TLaunch; env?: Record<string, string>; port?: number }): Promise<TFirebreakProcess> {
  const port = options.port ?? (await freeLoopbackPort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    FIREBREAK_DATA_DIR: options.dataDir,
    FIREBREAK_DEMO: "false",
    NEXTAUTH_URL: baseUrl,
    ...options.env,
  };
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
  const [command, args] = options.how === "npm start" ? ["npm", ["start"]] : [process.execPath, ["--import", "tsx", "server.ts"]];
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, baseUrl, dataDir: options.dataDir, output: () => output, exited };
}

async function healthStatus(baseUrl: string): Promise<number> {
  try {
    return (await fetch(`${baseUrl}/api/health`)).status;
  } catch {
    return 0;
  }
}

/** Resolves once /api/health answers 200; fails at once, with the server's output, if the server exits instead. */
export async function waitUntilHealthy(server: TFirebreakProcess, timeoutMs = 150_000): Promise<void> {
  let exit: { code: number | null } | null = null;
  void server.exited.then((result) => (exit = result));
  await expect
    .poll(
      async () => {
        if (exit) throw new Error(`Firebreak exited (code ${exit.code}) before it was healthy:\n${server.output()}`);
        return healthStatus(server.baseUrl);
      },
      { timeout: timeoutMs, intervals: [250] },
    )
    .toBe(200);
}

/** What the servers said is the only account of a process-level failure: a failed test's report carries it. */
export async function attachOutputIfFailed(testInfo: TestInfo, servers: TFirebreakProcess[]) {
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const server of servers) await testInfo.attach(`output of ${server.baseUrl}`, { body: server.output(), contentType: "text/plain" });
}

/** SIGTERM, and a failed test's wedged server (and its PostgreSQL) is killed after 30 s rather than left running. */
export async function stopFirebreak(server: TFirebreakProcess) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const tree = processTree(server.child.pid as number);
  server.child.kill("SIGTERM");
  const stopped = await Promise.race([server.exited.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 30_000))]);
  if (stopped) return;
  for (const pid of tree) if (processAlive(pid)) process.kill(pid, "SIGKILL");
  await server.exited;
}

/** The process and everything it started (Linux /proc): the server, the embedded PostgreSQL and its backends. */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // exited while listed
    }
  }
  const tree = [pid];
  for (let index = 0; index < tree.length; index += 1) {
    for (const [child, parent] of parents) if (parent === tree[index]) tree.push(child);
  }
  return tree;
}

export async function expectAllGone(pids: number[]) {
  await expect.poll(() => pids.filter((pid) => processAlive(pid)), { timeout: 15_000, intervals: [100] }).toEqual([]);
}

/** The PID in the embedded PostgreSQL's postmaster.pid. */
export function postmasterPid(dataDir: string): number {
  const file = path.join(dataDir, "postgres", "postmaster.pid");
  return existsSync(file) ? Number(readFileSync(file, "utf8").split("\n")[0]) : 0;
}

/** The app role's URL of the embedded database a running Firebreak serves from `dataDir`. */
export async function embeddedDatabaseUrl(dataDir: string): Promise<string> {
  const address = await runningServerAddress(path.join(dataDir, "postgres"));
  const credentials = await storedDatabaseCredentials(dataDir);
  if (!address || !credentials) throw new Error(`No running embedded database in ${dataDir}`);
  return databaseUrlOf(address, credentials.appUser, credentials.appPassword);
}

export async function withDatabase<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(pgConnectionFields(databaseUrl));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An admin with a personal API token, written straight into the database (as the token page would store it). */
export async function createAdminWithToken(databaseUrl: string): Promise<{ userId: string; token: string }> {
  const userId = `admin-${randomUUID()}`;
  const token = `fbk_${randomBytes(32).toString("base64url")}`;
  await withDatabase(databaseUrl, async (client) => {
    await client.query(`INSERT INTO "User" (id, email, name, role, "updatedAt") VALUES ($1, $2, 'Process test admin', 'admin', now())`, [
      userId,
      `${userId}@example.com`,
    ]);
    await client.query(`INSERT INTO "ApiToken" (id, "userId", name, "tokenHash", prefix) VALUES ($1, $2, 'process test', $3, $4)`, [
      randomUUID(),
      userId,
      hashApiToken(token),
      token.slice(0, 10),
    ]);
  });
  return { userId, token };
}

export async function api(server: TFirebreakProcess, token: string, method: string, route: string, body?: unknown) {
  const response = await fetch(`${server.baseUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
}
