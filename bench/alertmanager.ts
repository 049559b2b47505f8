// Debian's prometheus-alertmanager, started for the ingest benchmark as the yardstick: its intake
// (POST /api/v2/alerts) keeps alerts in memory, deduplicated by label set, and writes nothing per
// alert. Null receiver: it only takes alerts in.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freeLoopbackPort } from "../lib/db/embedded-postgres";

const BINARY = "/usr/bin/prometheus-alertmanager";

/** Starts Alertmanager on a free loopback port; null when Debian's package is not installed. */
export async function startAlertmanager(): Promise<{ url: string; stop: () => Promise<void> } | null> {
  if (!existsSync(BINARY)) return null;
  const dir = await mkdtemp(path.join(tmpdir(), "firebreak-bench-alertmanager-"));
  await writeFile(path.join(dir, "alertmanager.yml"), 'route:\n  receiver: "null"\nreceivers:\n  - name: "null"\n');
  const port = await freeLoopbackPort();
  const child = spawn(
    BINARY,
    [`--config.file=${path.join(dir, "alertmanager.yml")}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, "--cluster.listen-address="],
    { stdio: "ignore" },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      if (attempt > 100) throw new Error("Alertmanager did not start within 10 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
