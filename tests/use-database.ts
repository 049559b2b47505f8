import { disconnectDb } from "@/lib/db/prisma";
import { resetServerEnvForTests } from "@/lib/env/server-env";

/**
 * Points this test file's app code at another database (a scratch one of its own, or one nobody
 * answers at): the Prisma client and the event bus connect to it on their next use, and processes
 * the file starts inherit it. The settings are parsed once per process, hence the reset.
 */
export async function useDatabase(databaseUrl: string): Promise<void> {
  await disconnectDb();
  process.env.DATABASE_URL = databaseUrl;
  resetServerEnvForTests();
}
