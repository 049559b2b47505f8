// Measures how long `server.ts` takes from launch to a served sign-in page: first start on an
// empty data directory (initdb, migrations, demo seed) and a warm restart on the same data.
// Needs a production build (`npm run build`). Prints figures; asserts nothing.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freeLoopbackPort } from "../lib/db/embedded-postgres";

async function timeToFirstPage(dataDir: string): Promise<number> {
  const port = await freeLoopbackPort();
  const started = performance.now();
  const server = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server.ts"], {
    env: { ...process.env, PORT: String(port), FIREBREAK_DATA_DIR: dataDir, NODE_ENV: "production" },
    stdio: "ignore",
  });
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/signin`);
        if (response.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGINT");
    await exited;
  }
}

const dataDir = await mkdtemp(path.join(tmpdir(), "firebreak-bench-"));
try {
  const cold = await timeToFirstPage(dataDir);
  const warm = [];
  for (let run = 0; run < 3; run++) warm.push(await timeToFirstPage(dataDir));
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`first start (initdb + migrations + demo seed) to served page: ${seconds(cold)}`);
  console.log(`warm start to served page: ${warm.map(seconds).join(", ")} (median ${seconds(warm.sort((a, b) => a - b)[1] ?? 0)})`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
