import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freeLoopbackPort } from "@/lib/db/embedded-postgres";
import { eventually } from "@/tests/collaboration-client";

// The reference deployment of README's "Running as many processes", started for real on loopback
// ports: Debian's redis-server and nginx (with the repository's deploy/nginx/firebreak.conf) in
// front of app processes started as systemd starts them (node --import tsx server.ts, production).

export const REDIS_SERVER = "/usr/bin/redis-server";
export const NGINX = "/usr/sbin/nginx";
const ROOT = path.resolve(import.meta.dirname, "..");

/** Why the reference deployment cannot run here, or null when it can. */
export function missingForReferenceDeployment(): string | null {
  const missing = [REDIS_SERVER, NGINX].filter((binary) => !existsSync(binary));
  return missing.length > 0 ? `the reference deployment test needs ${missing.join(" and ")} (apt-get install redis-server nginx; .ci/run installs them)` : null;
}

/**
 * The environment for Redis and nginx: without a preloaded fake clock (`faketime`, for running the
 * suite at another date), which makes redis-server fail every clock read and never listen. Their
 * clocks do not matter to what the tests check; Firebreak's processes keep theirs.
 */
export function withoutFakeClock(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const kept = { ...env };
  for (const name of Object.keys(kept)) if (name === "LD_PRELOAD" || name.startsWith("FAKETIME")) delete kept[name];
  return kept;
}

export type TService = { child: ChildProcess; output: () => string; exited: Promise<void> };

function startService(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): TService {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, output: () => output, exited };
}

async function stopService(service: TService, signal: NodeJS.Signals = "SIGTERM") {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill(signal);
  await service.exited;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

export type TAppProcess = TService & { port: number; baseUrl: string };

export type TReferenceDeployment = {
  /** nginx, the address people use (NEXTAUTH_URL). */
  publicUrl: string;
  redisUrl: string;
  apps: TAppProcess[];
  /** Another app process on the deployment's database, with settings of its own. */
  startApp(env: Record<string, string>): Promise<TAppProcess>;
  stop(): Promise<void>;
};

/**
 * The repository's nginx site with the test's ports (its upstream line repeated for each process),
 * and a header naming the process that answered (only here, to tell which process served a request
 * or a WebSocket).
 */
async function nginxSite(appPorts: number[], listenPort: number): Promise<string> {
  const site = await readFile(path.join(ROOT, "deploy/nginx/firebreak.conf"), "utf8");
  const upstreams = [...site.matchAll(/^\s*server 127\.0\.0\.1:\d+ (.*)$/gm)];
  const first = upstreams[0];
  const last = upstreams.at(-1);
  if (!first || !last) throw new Error("deploy/nginx/firebreak.conf names no app process");
  const servers = appPorts.map((port) => `    server 127.0.0.1:${port} ${first[1]}`).join("\n");
  const withPorts = site.slice(0, first.index) + servers + site.slice((last.index ?? 0) + last[0].length);
  return withPorts
    .replace(/listen 80;/, `listen 127.0.0.1:${listenPort};`)
    .replaceAll("proxy_pass http://firebreak;", "proxy_pass http://firebreak;\n        add_header X-Firebreak-Upstream $upstream_addr always;");
}

/**
 * Starts Redis, `appCount` app processes on `databaseUrl` (with `appEnv` besides the deployment's
 * settings) and nginx in front of them; resolves once all answer.
 */
export async function startReferenceDeployment(options: {
  databaseUrl: string;
  secret: string;
  appCount: number;
  appEnv?: Record<string, string>;
}): Promise<TReferenceDeployment> {
  const workDir = await mkdtemp(path.join(tmpdir(), "firebreak-reference-"));
  const services: TService[] = [];
  const stop = async () => {
    for (const service of services.reverse()) await stopService(service);
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    const redisPort = await freeLoopbackPort();
    const redis = startService(
      REDIS_SERVER,
      ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", workDir],
      withoutFakeClock(),
    );
    services.push(redis);
    let redisExited = false;
    void redis.exited.then(() => (redisExited = true));
    await eventually(() => {
      if (redisExited) throw new Error(`redis-server exited before it listened:\n${redis.output()}`);
      return redis.output().includes("Ready to accept connections");
    }, 30_000);
    const redisUrl = `redis://127.0.0.1:${redisPort}`;

    const nginxPort = await freeLoopbackPort();
    const publicUrl = `http://127.0.0.1:${nginxPort}`;
    const startApp = async (env: Record<string, string>): Promise<TAppProcess> => {
      const port = await freeLoopbackPort();
      const dataDir = path.join(workDir, `app-${port}`);
      await mkdir(dataDir);
      const app = startService(process.execPath, ["--import", "tsx", "server.ts"], {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: options.databaseUrl,
        NEXTAUTH_SECRET: options.secret,
        NEXTAUTH_URL: publicUrl,
        FIREBREAK_DATA_DIR: dataDir,
        FIREBREAK_DEMO: "false",
        FIREBREAK_TRUST_PROXY: "true",
        ...options.appEnv,
        ...env,
      });
      services.push(app);
      const started = { ...app, port, baseUrl: `http://127.0.0.1:${port}` };
      let exited = false;
      void app.exited.then(() => (exited = true));
      await eventually(async () => {
        if (exited) throw new Error(`an app process exited before it answered:\n${app.output()}`);
        return answers(`${started.baseUrl}/api/health`);
      }, 180_000);
      return started;
    };
    const apps = await Promise.all(Array.from({ length: options.appCount }, () => startApp({ REDIS_URL: redisUrl })));

    const site = await nginxSite(
      apps.map((app) => app.port),
      nginxPort,
    );
    await writeFile(path.join(workDir, "firebreak.conf"), site);
    const runningAsRoot = process.getuid?.() === 0;
    await writeFile(
      path.join(workDir, "nginx.conf"),
      [
        "daemon off;",
        "worker_processes 1;",
        // As root, nginx's workers would run as nobody, who cannot write the temporary directory.
        runningAsRoot ? "user root;" : "",
        `pid ${workDir}/nginx.pid;`,
        `error_log ${workDir}/nginx-error.log warn;`,
        // Every live stream holds two connections (browser and app process): thousands of viewers fit.
        "events { worker_connections 8192; }",
        "http {",
        "  access_log off;",
        ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${workDir}/${kind}-temp;`),
        `  include ${workDir}/firebreak.conf;`,
        "}",
      ].join("\n"),
    );
    const nginx = startService(NGINX, ["-p", workDir, "-c", path.join(workDir, "nginx.conf")], withoutFakeClock());
    services.push(nginx);
    await eventually(() => {
      if (nginx.child.exitCode !== null) throw new Error(`nginx exited:\n${nginx.output()}`);
      return answers(`${publicUrl}/api/health`);
    }, 30_000);
    return { publicUrl, redisUrl, apps, startApp, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
