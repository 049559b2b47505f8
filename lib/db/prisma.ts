import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { serverEnv } from "@/lib/env/server-env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { pgConnectionFields } from "./pg-connection";

let poolSize = 20;

/** Connections this thread's client may hold; set before its first query (the escalation worker's thread holds fewer). */
export function setDbPoolSize(size: number): void {
  poolSize = size;
}

function createPrismaClient() {
  const databaseUrl = serverEnv().DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set: start Firebreak with `npm start`, which provides it");
  // The pool is made here, not by the adapter, so that its counts can be read (databasePoolStats);
  // disposeExternalPool: $disconnect ends it as it ends a pool of the adapter's own.
  // connectionTimeoutMillis: what waits for a connection through the pg driver (lib/db/sql.ts) waits
  // as long as a Prisma transaction does (maxWait below).
  const pool = new pg.Pool({ ...pgConnectionFields(databaseUrl), max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle connection that the server ended (a restart, a failover) is dropped by the pool and the
  // next query opens another; heard here from the start, not only once Prisma's adapter has connected.
  pool.on("error", () => {});
  globalForPrisma.firebreakPool = pool;
  return new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // A burst of writes queues for a connection rather than failing after Prisma's default 2 s; what
    // still waits longer is answered 503 with Retry-After (lib/db/unavailable.ts).
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    // Password hashes never leave the database unless a query asks for them by name.
    omit: { user: { passwordHash: true } },
  });
}

export type TPrismaClient = ReturnType<typeof createPrismaClient>;
export type TTransaction = Parameters<Parameters<TPrismaClient["$transaction"]>[0]>[0];

const globalForPrisma = globalThis as unknown as { firebreakPrisma?: TPrismaClient; firebreakPool?: pg.Pool };

/** The one Prisma client. Created on first use, after the launcher has set DATABASE_URL. */
export function db(): TPrismaClient {
  globalForPrisma.firebreakPrisma ??= createPrismaClient();
  return globalForPrisma.firebreakPrisma;
}

/** The connection pool under the Prisma client, for the code that queries through the pg driver itself (lib/db/sql.ts). */
export function dbPool(): pg.Pool {
  db();
  const pool = globalForPrisma.firebreakPool;
  if (!pool) throw new Error("the database pool was not created with the client");
  return pool;
}

export async function disconnectDb() {
  await globalForPrisma.firebreakPrisma?.$disconnect();
  globalForPrisma.firebreakPrisma = undefined;
  globalForPrisma.firebreakPool = undefined;
}

export type TDatabasePoolStats = { total: number; idle: number; waiting: number; max: number };

/** The connection pool's counts now; null before the first query of the process. */
export function databasePoolStats(): TDatabasePoolStats | null {
  const pool = globalForPrisma.firebreakPool;
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 } : null;
}
