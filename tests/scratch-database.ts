import { randomUUID } from "node:crypto";
import pg from "pg";
import { pgConnectionFields } from "@/lib/db/pg-connection";

/** The migrated, empty database that scratch databases are copied from (made once by the global setup). */
export const TEMPLATE_DATABASE = "firebreak_template";

async function withMaintenanceClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...pgConnectionFields(databaseUrl), database: "postgres" });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Copies the freshly migrated `databaseUrl` into the template. Right after migrating, the migration
 * CLI's connection can still be closing: CREATE DATABASE … TEMPLATE refuses while anyone is connected.
 */
export async function saveMigratedTemplate(databaseUrl: string): Promise<void> {
  const source = pgConnectionFields(databaseUrl).database as string;
  await withMaintenanceClient(databaseUrl, async (client) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE} TEMPLATE "${source}"`);
        return;
      } catch (error) {
        if (attempt >= 50 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
}

/** A new, empty, migrated database of its own for a test that needs the whole database (e.g. the demo seed). */
export async function createScratchDatabase(databaseUrl: string): Promise<string> {
  const name = `scratch_${randomUUID().replaceAll("-", "")}`;
  await withMaintenanceClient(databaseUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
