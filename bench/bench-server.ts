import { spawn, type ChildProcess } from "node:child_process";
import { freeLoopbackPort } from "../lib/db/embedded-postgres";

const BENCH_SECRET = "bench-secret-bench-secret-bench-secret";

/**
 * For a benchmark that also calls lib/ itself (set-up, checks): the database and the settings the
 * app's environment requires with one (serverEnv()). Import "../lib/launcher/server-only-in-node"
 * first, and load lib's modules with import() after this.
 */
export function setBenchEnvironment(databaseUrl: string): void {
  process.env.DATABASE_URL = databaseUrl;
  process.env.NEXTAUTH_SECRET ??= BENCH_SECRET;
  process.env.NEXTAUTH_URL ??= "http://127.0.0.1";
}

/** Starts the real server (production build) on the benchmark's database and waits until it answers. */
export async function startBenchServer(
  extraEnv: Record<string, string> = {},
  extraNodeArgs: string[] = [],
): Promise<{ port: number; process: ChildProcess; stop: () => Promise<void> }> {
  const port = await freeLoopbackPort();
  // BENCH_SERVER_NODE_ARGS passes Node options to the server alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = [...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean), ...extraNodeArgs];
  const server = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      FIREBREAK_DEMO: "false",
      NEXTAUTH_SECRET: BENCH_SECRET,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stop = async () => {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGINT");
    await exited;
  };
  return { port, process: server, stop };
}
