// Firebreak's launcher: environment, database (embedded unless DATABASE_URL is set), migrations,
// first-run demo data, then Next.js and the collaboration WebSockets (/collab) on one HTTP server.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { CLIENT_ADDRESS_HEADER, requestClientAddress } from "./lib/auth/client-address";
import { installClockFromEnv } from "./lib/clock/shifted-clock";
import { startEmbeddedPostgres, type TEmbeddedDatabase } from "./lib/db/embedded-postgres";
import { applyMigrations } from "./lib/db/migrate";
import { InvalidEnvironmentError, parseServerEnv, type TServerEnv } from "./lib/env/server-env";
import { BodyLimitedRequest, guardRequestBody } from "./lib/http/body-guard";
import { loadOrCreateLocalSecrets } from "./lib/launcher/local-secrets";
import type { TDemoSignIn } from "./prisma/seed";

const log = (line: string) => console.log(`[firebreak] ${line}`);

function readEnvironment(): TServerEnv {
  if (existsSync(".env")) process.loadEnvFile(".env");
  try {
    return parseServerEnv(process.env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

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

async function main() {
  const startedAt = Date.now();
  const env = readEnvironment();
  const clock = installClockFromEnv();
  if (clock) log(`FIREBREAK_CLOCK: the clock reads ${clock.toISOString()}, not the machine's time (for tests).`);
  const dataDir = path.resolve(env.FIREBREAK_DATA_DIR);
  const dev = env.NODE_ENV === "development";
  let database: TEmbeddedDatabase | null = null;

  if (!env.DATABASE_URL) {
    const secrets = await loadOrCreateLocalSecrets(dataDir);
    process.env.NEXTAUTH_SECRET ??= secrets.nextauthSecret;
    process.env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;
    const shownDir = path.relative(process.cwd(), dataDir);
    log(`Starting the embedded PostgreSQL (data in ${shownDir.startsWith("..") ? dataDir : shownDir || "."})…`);
    database = await startEmbeddedPostgres(dataDir);
    process.env.DATABASE_URL = database.databaseUrl;
  }
  const databaseUrl = process.env.DATABASE_URL as string;

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log(`${signal}: stopping…`);
    httpServer.close();
    const { storeOpenDocuments } = await import("./lib/postmortems/collaboration");
    await storeOpenDocuments().catch((error) => console.error("Storing open postmortems failed:", error));
    const { disconnectDb } = await import("./lib/db/prisma");
    await disconnectDb();
    await database?.stop();
    log("Stopped cleanly.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  // Every request's body is cut off at its route's limit as it streams in (lib/http/body-guard.ts).
  const httpServer = createServer({ IncomingMessage: BodyLimitedRequest });
  try {
    const applied = await applyMigrations(databaseUrl, log);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(", ")}`);
    const demo = await prepareData(env, dataDir, database !== null);

    // Collaborative editing shares the port: WebSockets on /collab, everything else is Next's.
    const { attachCollaboration } = await import("./lib/postmortems/collaboration");
    attachCollaboration(httpServer);

    const app = next({ dev, hostname: env.HOST, port: env.PORT, httpServer });
    await app.prepare();
    const handle = app.getRequestHandler();
    httpServer.on("request", (request, response) => {
      request.headers[CLIENT_ADDRESS_HEADER] = requestClientAddress(request.socket.remoteAddress, request.headers, env.FIREBREAK_TRUST_PROXY);
      guardRequestBody(request, response);
      void handle(request, response);
    });
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(env.PORT, env.HOST, resolve);
    });

    const { startWebhookDispatcher } = await import("./lib/communications/dispatcher");
    startWebhookDispatcher();
    const { startSliCollector } = await import("./lib/slo/collector");
    startSliCollector();
    (await import("./lib/retention/job")).startRetentionJob();

    log(`Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s at ${process.env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`}`);
    if (demo) {
      log(`Demo sign-in (password for every demo user): ${demo.password}`);
      for (const user of demo.users) log(`  ${user.role.padEnd(9)} ${user.email}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await database?.stop();
    process.exit(1);
  }
}

void main();
