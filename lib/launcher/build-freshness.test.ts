import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";
import { afterEach, expect, it } from "vitest";
import { buildIfStale, productionBuildIsStale } from "./build-freshness";

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

/** A checkout whose bundle is older than its sources. */
async function staleCheckout(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "firebreak-build-"));
  roots.push(root);
  await mkdir(path.join(root, ".next"));
  await mkdir(path.join(root, "lib"));
  await writeFile(path.join(root, ".next", "BUILD_ID"), "old");
  // File times come from the machine's clock, not a faked one: a bundle built long before any source.
  const longAgo = new Date("2020-01-01T00:00:00Z");
  await utimes(path.join(root, ".next", "BUILD_ID"), longAgo, longAgo);
  await writeFile(path.join(root, "lib", "changed.ts"), "export {};");
  return root;
}

it("waits while another process builds, then finds the bundle fresh and builds nothing", async () => {
  const root = await staleCheckout();
  expect(productionBuildIsStale(root)).toBe(true);
  // Another process holds the build lock, as a launcher in the middle of `next build` does.
  const release = await lockfile.lock(root, { lockfilePath: path.join(root, ".next-build.lock"), realpath: false });
  const lines: string[] = [];
  const waiting = buildIfStale(root, (line) => lines.push(line));
  await expect.poll(() => lines).toEqual(["Waiting for another Firebreak process to finish building…"]);

  // The other process's build finishes: a new bundle, then the lock is released.
  await writeFile(path.join(root, ".next", "BUILD_ID"), "new");
  await release();
  expect(await waiting).toBe(false);
  expect(lines).toEqual(["Waiting for another Firebreak process to finish building…"]);
}, 20_000);

it("does not take the lock when the bundle is fresh", async () => {
  const root = await staleCheckout();
  await writeFile(path.join(root, ".next", "BUILD_ID"), "new");
  const release = await lockfile.lock(root, { lockfilePath: path.join(root, ".next-build.lock"), realpath: false });
  expect(await buildIfStale(root, () => {})).toBe(false);
  await release();
});
