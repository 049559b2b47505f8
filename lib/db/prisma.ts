import { PrismaPg } from "@prisma/adapter-pg";
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
  return new PrismaClient({
    adapter: new PrismaPg({ ...pgConnectionFields(databaseUrl), max: poolSize }),
    // Password hashes never leave the database unless a query asks for them by name.
    omit: { user: { passwordHash: true } },
  });
}

export type TPrismaClient = ReturnType<typeof createPrismaClient>;
export type TTransaction = Parameters<Parameters<TPrismaClient["$transaction"]>[0]>[0];

const globalForPrisma = globalThis as unknown as { firebreakPrisma?: TPrismaClient };

/** The one Prisma client. Created on first use, after the launcher has set DATABASE_URL. */
export function db(): TPrismaClient {
  globalForPrisma.firebreakPrisma ??= createPrismaClient();
  return globalForPrisma.firebreakPrisma;
}

export async function disconnectDb() {
  await globalForPrisma.firebreakPrisma?.$disconnect();
  globalForPrisma.firebreakPrisma = undefined;
}
