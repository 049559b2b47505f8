import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export const LOCK_FILE = "firebreak.pid";

export class DataDirInUseError extends Error {}

/**
 * True while a process with this id runs (EPERM: it runs, but belongs to someone else). A zombie,
 * dead but not yet reaped by a parent that never waits for it, does not count.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  return processState(pid) !== "Z";
}

/** The state letter of a process (R, S, Z …) where the system tells (Linux's /proc), else null. */
function processState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] ?? null;
  } catch {
    return null;
  }
}

/** The command name of a process where the system tells (Linux's /proc), else null. */
function processName(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return null;
  }
}

/**
 * When a process started (clock ticks since boot, Linux's /proc), else null. With the PID it
 * identifies a process even after a reboot has handed the same PID to another program.
 */
function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** The live process that wrote this lock, or null when the lock is stale (or unreadable). */
function liveHolder(contents: string): number | null {
  try {
    const { pid, started } = JSON.parse(contents) as { pid?: unknown; started?: unknown };
    if (typeof pid !== "number" || !Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return null;
    return started === null || started === undefined || processStartTime(pid) === null || processStartTime(pid) === started ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Claims the data directory for this process (a lock file with its PID, created exclusively), or
 * refuses when a live Firebreak holds it. A lock left by a process that no longer runs is stale.
 * Returns the release.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, started: processStartTime(process.pid) });
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      await writeFile(file, mine, { flag: "wx", mode: 0o600 });
      return async () => {
        if ((await readFile(file, "utf8").catch(() => "")) === mine) await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = liveHolder(await readFile(file, "utf8").catch(() => ""));
    if (holder) {
      throw new DataDirInUseError(
        `Another Firebreak (PID ${holder}) is already running on this data directory (${dataDir}). ` +
          "Stop it first, or give this one another FIREBREAK_DATA_DIR.",
      );
    }
    await rm(file, { force: true });
  }
  throw new DataDirInUseError(`Could not lock the data directory ${dataDir}: another Firebreak keeps starting on it.`);
}

/**
 * A Firebreak killed without a chance to stop (kill -9, out of memory) leaves its PostgreSQL
 * running with nobody to stop it, and a new one cannot start on the same files. Called once the data
 * directory is locked, so a postmaster found here belongs to no live Firebreak: stop it (a fast
 * shutdown keeps everything committed).
 */
export async function stopOrphanedPostmaster(databaseDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return;
  const name = processName(pid);
  if (name !== null && !/postgres/.test(name)) {
    // The id now belongs to another program: PostgreSQL would take it for a live server.
    await rm(pidFile, { force: true });
    return;
  }
  log(`Stopping the embedded PostgreSQL (PID ${pid}) left running by a Firebreak that did not stop cleanly…`);
  process.kill(pid, "SIGINT");
  if (await waitUntilGone(pid, 30_000)) return;
  process.kill(pid, "SIGQUIT");
  if (!(await waitUntilGone(pid, 10_000))) throw new Error(`The PostgreSQL left running on ${databaseDir} (PID ${pid}) does not stop.`);
}

/**
 * Where the server running on `databaseDir` listens, from its postmaster.pid (lines: pid, data
 * directory, start time, port, socket directory, listen address, …), or null when none runs.
 */
export async function runningServerAddress(databaseDir: string): Promise<{ host: string; port: number } | null> {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pid, , , port, socketDir, listenAddress] = (await readFile(pidFile, "utf8")).split("\n");
  if (!processAlive(Number(pid)) || !port) return null;
  const host = socketDir?.trim() || listenAddress?.trim();
  return host ? { host: host === "*" ? "127.0.0.1" : host, port: Number(port) } : null;
}
