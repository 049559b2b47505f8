import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import lockfile from "proper-lockfile";

const SOURCE_DIRS = ["app", "components", "lib", "prisma"];
const SOURCE_FILES = ["next.config.ts", "package.json", "package-lock.json"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((newest, child) => Math.max(newest, newestMtime(path.join(entry, child))), stat.mtimeMs);
}

/** True when `.next` is missing or older than any source file, so `npm start` must build first. */
export function productionBuildIsStale(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = [...SOURCE_DIRS, ...SOURCE_FILES].map((entry) => path.join(root, entry));
  return sources.some((source) => newestMtime(source) > builtAt);
}

// Long enough for a build on a loaded 2-core machine; a lock not refreshed for 30 s is a dead builder's.
const BUILD_WAIT = { retries: 1_200, minTimeout: 500, maxTimeout: 500 };
const STALE_LOCK_MS = 30_000;

/**
 * Builds the production bundle when it is stale, in a child process; `signal` stops the build (a
 * SIGTERM during the first start). Processes started together on one checkout (systemd's
 * firebreak@1 and @2, the tests) build one at a time: two builds into one `.next` break both, so the
 * others wait for the lock and then find the bundle fresh. Resolves to whether this process built.
 */
export async function buildIfStale(root: string, log: (line: string) => void, signal?: AbortSignal): Promise<boolean> {
  if (!productionBuildIsStale(root)) return false;
  const lockOptions = { lockfilePath: path.join(root, ".next-build.lock"), realpath: false, stale: STALE_LOCK_MS };
  const release = await lockfile.lock(root, { ...lockOptions, retries: 0 }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== "ELOCKED") throw error;
    log("Waiting for another Firebreak process to finish building…");
    return lockfile.lock(root, { ...lockOptions, retries: BUILD_WAIT });
  });
  try {
    if (signal?.aborted || !productionBuildIsStale(root)) return false;
    await runBuild(root, log, signal);
    return true;
  } finally {
    await release();
  }
}

async function runBuild(root: string, log: (line: string) => void, signal?: AbortSignal): Promise<void> {
  log("Building Firebreak (first start, or the sources changed)…");
  await new Promise<void>((resolve, reject) => {
    const build = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      stdio: "inherit",
      // eslint-disable-next-line no-restricted-properties -- the build runs in this environment (next.config.ts checks it)
      env: { ...process.env, NODE_ENV: "production" },
      signal,
    });
    build.on("error", reject);
    build.on("exit", (code, exitSignal) => (code === 0 ? resolve() : reject(new Error(`The production build failed (${exitSignal ?? `exit code ${code}`}).`))));
  });
}
