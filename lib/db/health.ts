import { migrationNames } from "./migration-names";
import { db } from "./prisma";

/**
 * `SELECT 1` succeeds on a database that cannot write (a read-only replica, a full disk in some
 * cases), so the check asks for a transaction id, which only a writable primary hands out.
 */
export async function checkDatabaseWritable(): Promise<boolean> {
  try {
    await db().$queryRaw`SELECT txid_current()`;
    return true;
  } catch {
    return false;
  }
}

let shipped: Promise<string[]> | undefined;

/**
 * The migrations this version ships that the database has not recorded as applied (finished and
 * not rolled back): a process started against a database another version migrated, or one whose
 * migration failed half-way. Throws when the database cannot be read.
 */
export async function unappliedMigrations(): Promise<string[]> {
  // The folder is part of the installed code: read once per process.
  shipped ??= migrationNames().catch((error: unknown) => {
    shipped = undefined;
    throw error;
  });
  const rows = await db().$queryRaw<{ name: string }[]>`
    SELECT "migration_name" AS "name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;
  const applied = new Set(rows.map((row) => row.name));
  return (await shipped).filter((name) => !applied.has(name));
}
