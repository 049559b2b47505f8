import { spawn } from "node:child_process";
import pg from "pg";
import { migrationNames } from "./migration-names";
import { pgConnectionFields } from "./pg-connection";
import { prismaCli } from "./prisma-cli";

/** Names of migrations in prisma/migrations that the database has not applied yet. */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client(pgConnectionFields(databaseUrl));
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present");
    const applied = new Set<string>();
    if (table.rows[0]?.present) {
      const rows = await client.query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL");
      for (const row of rows.rows) applied.add(row.migration_name);
    }
    return (await migrationNames()).filter((name) => !applied.has(name));
  } finally {
    await client.end();
  }
}

// What `prisma migrate deploy` prints once every migration is committed and recorded.
const DEPLOY_FINISHED = /All migrations have been successfully applied|No pending migrations to apply/;

/**
 * Applies pending migrations with `prisma migrate deploy`. The WASM schema engine keeps the CLI
 * alive for about 11 s after it has finished, so the launcher skips it when nothing is pending
 * and stops it as soon as it reports success.
 */
export async function applyMigrations(databaseUrl: string, log: (line: string) => void): Promise<string[]> {
  const pending = await pendingMigrations(databaseUrl);
  if (pending.length === 0) return pending;
  log(`Applying ${pending.length} database migration(s)…`);
  await new Promise<void>((resolve, reject) => {
    // eslint-disable-next-line no-restricted-properties -- the Prisma CLI runs as a process of its own, in this environment
    const cli = prismaCli(["migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl });
    const child = spawn(cli.command, cli.args, { env: cli.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let finished = false;
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (!finished && DEPLOY_FINISHED.test(output)) {
        finished = true;
        child.kill("SIGTERM");
      }
    });
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => (finished || code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed:\n${output}`))));
  });
  return pending;
}
