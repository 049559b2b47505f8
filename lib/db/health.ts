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
