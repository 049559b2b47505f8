import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

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

/**
 * Builds the production bundle when it is stale, in a child process; `signal` stops the build (a
 * SIGTERM during the first start). Resolves to whether a build ran.
 */
export async function buildIfStale(root: string, log: (line: string) => void, signal?: AbortSignal): Promise<boolean> {
  if (!productionBuildIsStale(root)) return false;
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
  return true;
}
