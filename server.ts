// Firebreak's launcher: environment, production build when stale, database (embedded unless
// DATABASE_URL is set), migrations, first-run demo data, then Next.js and the collaboration
// WebSockets (/collab) on one HTTP server. It owns the process's signals: SIGINT, SIGTERM and SIGHUP
// stop it in order (streams, documents, database) and it exits 0, or 1 after a 10 s deadline.
// The app's modules are loaded with import() once the environment is complete (see main()).
import "./lib/launcher/server-only-in-node";
import "./lib/launcher/lost-output";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import path from "node:path";
import type { Duplex } from "node:stream";
import type { Hocuspocus } from "@hocuspocus/server";
import next from "next";
import { CLIENT_ADDRESS_HEADER, requestClientAddress } from "./lib/auth/client-address";
import { installClockFromEnv } from "./lib/clock/shifted-clock";
import { startEmbeddedPostgres, type TEmbeddedDatabase } from "./lib/db/embedded-postgres";
import { applyMigrations } from "./lib/db/migrate";
import type { TServerEnv } from "./lib/env/schema";
import { BodyLimitedRequest, guardRequestBody } from "./lib/http/body-guard";
import { buildIfStale } from "./lib/launcher/build-freshness";
import { startEscalationThread, type TEscalationThread } from "./lib/escalation/thread-host";
import { loadOrCreateLocalSecrets } from "./lib/launcher/local-secrets";
import { readEnvironment } from "./lib/launcher/read-environment";
import { runShutdown, type TShutdownStep } from "./lib/launcher/shutdown";
import type { TDemoSignIn } from "./prisma/seed";

const SHUTDOWN_DEADLINE_MS = 10_000;
// Requests in flight get this long to finish once the server stops accepting new ones.
const DRAIN_MS = 3_000;

const log = (line: string) => console.log(`[firebreak] ${line}`);
/** Loud enough to be seen in a journal of routine lines: a setting that can lose people's work. */
const warnLoudly = (warning: string) => console.warn(`[firebreak] WARNING: ${warning}`);

/** What a worker process still answers: its probes, for the supervisor and the monitoring. */
const WORKER_PATHS = ["/api/health", "/api/ready", "/metrics"];
const isWorkerPath = (url: string | undefined) => WORKER_PATHS.some((route) => url === route || url?.startsWith(`${route}?`));

async function prepareData(env: TServerEnv, dataDir: string, embedded: boolean) {
  // Imported after DATABASE_URL is known: the Prisma client reads it when first used.
  const { countUsers } = await import("./lib/users/queries");
  const demoFile = path.join(dataDir, "demo-sign-in.json");
  const wantsDemo = env.FIREBREAK_DEMO === "true" || (env.FIREBREAK_DEMO === "auto" && embedded);

  if ((await countUsers()) === 0) {
    if (wantsDemo) {
      log("Seeding the demo data (first start)…");
      const { seedDemo } = await import("./prisma/seed");
      const demo = await seedDemo();
      if (!embedded) return demo;
      await writeFile(demoFile, JSON.stringify(demo, null, 2), { mode: 0o600 });
    } else if (env.FIREBREAK_ADMIN_EMAIL && env.FIREBREAK_ADMIN_PASSWORD) {
      const { insertUser } = await import("./lib/users/service");
      await insertUser({ email: env.FIREBREAK_ADMIN_EMAIL.toLowerCase(), name: "Administrator", role: "admin", password: env.FIREBREAK_ADMIN_PASSWORD });
      log(`Created the first admin, ${env.FIREBREAK_ADMIN_EMAIL}.`);
    } else {
      log("No users yet: set FIREBREAK_ADMIN_EMAIL and FIREBREAK_ADMIN_PASSWORD and restart to create the first admin.");
    }
  }
  // The demo sign-in belongs to the embedded database it was seeded into; repeat it on each start.
  return embedded && existsSync(demoFile) ? (JSON.parse(await readFile(demoFile, "utf8")) as TDemoSignIn) : null;
}

/** Starts the webhook dispatcher, SLI collector, retention, heartbeats and shift notices (escalation runs on its own thread). */
async function startBackgroundWork(stops: (() => void)[]) {
  const { startWebhookDispatcher } = await import("./lib/communications/dispatcher");
  const { startSliCollector } = await import("./lib/slo/collector");
  const { startRetentionJob } = await import("./lib/retention/job");
  const { startHeartbeatJob } = await import("./lib/heartbeats/job");
  const { startShiftNoticeJob } = await import("./lib/oncall/shift-notices");
  stops.push(startWebhookDispatcher(), startSliCollector(), startRetentionJob(), startHeartbeatJob(), startShiftNoticeJob());
}

async function main() {
  const startedAt = Date.now();
  const env = readEnvironment();
  const clock = installClockFromEnv();
  if (clock) log(`FIREBREAK_CLOCK: the clock reads ${clock.toISOString()}, not the machine's time (for tests).`);
  const dataDir = path.resolve(env.FIREBREAK_DATA_DIR);
  const dev = env.NODE_ENV === "development";
  // Required with an external database; embedded, the address of this server.
  const publicUrl = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;

  // What is running, so that a signal at any moment of the start stops exactly that.
  // Every request's body is cut off at its route's limit as it streams in (lib/http/body-guard.ts).
  const httpServer = createServer({ IncomingMessage: BodyLimitedRequest });
  const running = {
    listening: false,
    build: new AbortController(),
    database: null as Promise<TEmbeddedDatabase> | null,
    collaboration: null as Hocuspocus | null,
    backgroundJobs: [] as (() => void)[],
    escalation: null as TEscalationThread | null,
  };
  const responses = new Set<ServerResponse>();
  const upgradedSockets = new Set<Duplex>();
  let shuttingDown = false;

  const shutdownSteps = (): TShutdownStep[] => [
    {
      name: "stop accepting connections and background jobs",
      run: () => {
        running.build.abort();
        if (running.listening) httpServer.close();
        for (const stopJob of running.backgroundJobs) stopJob();
      },
    },
    {
      // Ended at an event boundary, browsers reconnect (to the next server) and resume by Last-Event-ID.
      name: "end live streams",
      run: () => {
        for (const response of responses) {
          if (String(response.getHeader("content-type") ?? "").startsWith("text/event-stream")) response.end();
        }
        httpServer.closeIdleConnections();
      },
    },
    {
      // A close frame (1001, going away) tells editors to reconnect; what they type meanwhile waits in their browsers.
      name: "close collaboration connections",
      run: () => {
        for (const document of running.collaboration?.documents.values() ?? []) {
          for (const connection of document.connections.keys()) connection.webSocket.close(1001, "Firebreak is stopping");
        }
      },
    },
    {
      name: "store open postmortems",
      run: async () => {
        const { storeOpenDocuments } = await import("./lib/postmortems/collaboration");
        await storeOpenDocuments();
      },
    },
    {
      name: "finish requests in flight",
      run: async () => {
        if (!running.listening) return;
        const drained = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        const cutOff = setTimeout(() => {
          httpServer.closeAllConnections();
          for (const socket of upgradedSockets) socket.destroy();
        }, DRAIN_MS);
        await drained;
        clearTimeout(cutOff);
      },
    },
    {
      // Its step in progress commits or rolls back before the database goes; an unfinished step stays due.
      name: "stop the escalation worker",
      run: () => running.escalation?.stop(),
    },
    {
      name: "disconnect from the database",
      run: async () => {
        const { disconnectDb } = await import("./lib/db/prisma");
        await disconnectDb();
      },
    },
    {
      // A database still starting when the signal came is waited for, then stopped: never left behind.
      name: "stop the embedded PostgreSQL",
      run: async () => (await running.database?.catch(() => null))?.stop(),
    },
  ];

  const shutdown = async (signal: string) => {
    if (shuttingDown) {
      log(`${signal}: already stopping.`);
      return;
    }
    shuttingDown = true;
    log(`${signal}: stopping…`);
    const outcome = await runShutdown(shutdownSteps(), { deadlineMs: SHUTDOWN_DEADLINE_MS, log });
    if (outcome.clean) {
      log("Stopped cleanly.");
      process.exit(0);
    }
    log(
      `Gave up stopping after ${SHUTDOWN_DEADLINE_MS / 1000} s: abandoned "${outcome.abandoned}"` +
        (outcome.skipped.length > 0 ? `; not done: ${outcome.skipped.map((step) => `"${step}"`).join(", ")}` : "") +
        ". Exiting anyway.",
    );
    process.exit(1);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(signal));

  try {
    if (!dev) await buildIfStale(process.cwd(), log, running.build.signal);
    if (shuttingDown) return;

    // Embedded, the launcher provides the database and the secrets. It writes them into process.env,
    // where the app's settings (lib/env/server-env.ts), next-auth and the processes it starts read
    // them, before it loads any of the app's modules: serverEnv() parses process.env once, on first use.
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      const secrets = await loadOrCreateLocalSecrets(dataDir);
      process.env.NEXTAUTH_SECRET = env.NEXTAUTH_SECRET ?? secrets.nextauthSecret;
      process.env.NEXTAUTH_URL = publicUrl;
      const shownDir = path.relative(process.cwd(), dataDir);
      log(`Starting the embedded PostgreSQL (data in ${shownDir.startsWith("..") ? dataDir : shownDir || "."})…`);
      running.database = startEmbeddedPostgres(dataDir, log);
      databaseUrl = (await running.database).databaseUrl;
      process.env.DATABASE_URL = databaseUrl;
      if (shuttingDown) return;
    }

    const applied = await applyMigrations(databaseUrl, log);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(", ")}`);
    const demo = await prepareData(env, dataDir, running.database !== null);
    // Before the port opens: once it answers, the start has nothing left that needs the database.
    const { ensureVapidKeys } = await import("./lib/notifications/vapid");
    await ensureVapidKeys();

    // Collaborative editing shares the port: WebSockets on /collab, everything else is Next's.
    // A worker serves no pages, so no editors either.
    if (env.FIREBREAK_ROLE !== "worker") {
      const { attachCollaboration, watchCollaborationTopology } = await import("./lib/postmortems/collaboration");
      running.collaboration = attachCollaboration(httpServer);
      running.backgroundJobs.push(watchCollaborationTopology(running.collaboration, warnLoudly));
      const { observeCollaboration } = await import("./lib/metrics/collaboration");
      observeCollaboration(running.collaboration);
    }
    // closeAllConnections() does not reach upgraded connections, yet the server's close waits for them.
    httpServer.on("upgrade", (_request, socket: Duplex) => {
      upgradedSockets.add(socket);
      socket.once("close", () => upgradedSockets.delete(socket));
    });

    const app = next({ dev, hostname: env.HOST, port: env.PORT, httpServer });
    await app.prepare();
    const handle = app.getRequestHandler();
    const { plainReceiverFor, serveAlertReceiver } = await import("./lib/alerts/plain-receivers");
    const { plainStreamFor, serveTimelineStream } = await import("./lib/incidents/plain-streams");
    httpServer.on("request", (request, response) => {
      request.headers[CLIENT_ADDRESS_HEADER] = requestClientAddress(request.socket.remoteAddress, request.headers, env.FIREBREAK_TRUST_PROXY);
      if (env.FIREBREAK_ROLE === "worker" && !isWorkerPath(request.url)) {
        response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("This Firebreak process runs background work only (FIREBREAK_ROLE=worker).\n");
        return;
      }
      guardRequestBody(request, response);
      responses.add(response);
      response.on("close", () => responses.delete(response));
      // Alert webhooks skip Next's route layer: the bulk of Firebreak's traffic at an outage (decision 027).
      // So do the live streams: a process holds thousands, and Next's state for each cost 330 KiB.
      const receiver = plainReceiverFor(request);
      const stream = receiver ? null : plainStreamFor(request);
      // Both answer every failure themselves; what still escapes only ends this connection.
      const cutOff = () => response.destroy();
      if (receiver) serveAlertReceiver(request, response, receiver).catch(cutOff);
      else if (stream) serveTimelineStream(request, response, stream).catch(cutOff);
      else void handle(request, response);
    });
    if (shuttingDown) return;
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(env.PORT, env.HOST, resolve);
    });
    running.listening = true;

    // Background work runs where FIREBREAK_ROLE allows it; each job claims its runs or rows in
    // PostgreSQL, so any number of such processes do each piece of work once.
    if (env.FIREBREAK_ROLE !== "web") {
      await startBackgroundWork(running.backgroundJobs);
      running.escalation = startEscalationThread(log);
    }

    log(`Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s at ${publicUrl} (FIREBREAK_ROLE=${env.FIREBREAK_ROLE}${env.REDIS_URL ? ", postmortems shared through Redis" : ""})`);

    if (demo) {
      log(`Demo sign-in (password for every demo user): ${demo.password}`);
      for (const user of demo.users) log(`  ${user.role.padEnd(9)} ${user.email}`);
    }
  } catch (error) {
    // A signal during the start stops what has started; its own shutdown decides the exit.
    if (shuttingDown) return;
    console.error(error instanceof Error ? error.message : error);
    await (await running.database?.catch(() => null))?.stop();
    process.exit(1);
  }
}

void main();
