import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirInUseError, LOCK_FILE, lockDataDir } from "./data-dir-lock";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "firebreak-lock-"));
  dirs.push(dir);
  return dir;
}

/** The id of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "0"]).pid as number;
}

describe("lockDataDir", () => {
  it("refuses a data directory a live Firebreak holds, naming its PID, until it is released", async () => {
    const dir = newDir();
    const release = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(
      new DataDirInUseError(
        `Another Firebreak (PID ${process.pid}) is already running on this data directory (${dir}). Stop it first, or give this one another FIREBREAK_DATA_DIR.`,
      ),
    );
    await release();
    const again = await lockDataDir(dir);
    await again();
  });

  it("takes over a lock left by a Firebreak that no longer runs", async () => {
    const dir = newDir();
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), started: null }));
    const release = await lockDataDir(dir);
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), "utf8")).pid).toBe(process.pid);
    await release();
  });

  it("takes over a lock whose PID now belongs to a process started later (a reboot reused it)", async () => {
    const dir = newDir();
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, started: "1" }));
    const release = await lockDataDir(dir);
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), "utf8")).started).not.toBe("1");
    await release();
  });
});
