import { existsSync } from "node:fs";
import { chmod, chown, copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { LOCAL_SECRETS_FILE, storedDatabaseCredentials } from "@/lib/launcher/local-secrets";
import { LOCK_FILE, runningServerAddress } from "./data-dir-lock";
import { CLUSTER_DIR, SOCKET_DIR, startEmbeddedPostgres } from "./embedded-postgres";
import { DATABASE_NAME, type TServerAddress } from "./embedded-roles";
import { pgConnectionFields } from "./pg-connection";
import { postgresAccount } from "./postmaster";

/**
 * A backup of an embedded install is a copy of its data directory (the PostgreSQL cluster with
 * the secrets that open it), taken while PostgreSQL runs with its low-level backup API and the
 * WAL written meanwhile, the way pg_basebackup does it. It restores onto the same PostgreSQL
 * major version, which the pinned embedded-postgres package guarantees.
 */
const ZManifest = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  postgresVersion: z.string(),
  startWalFile: z.string(),
  stopLsn: z.string(),
  migrations: z.array(z.string()),
});
export type TBackupManifest = z.infer<typeof ZManifest>;

const MANIFEST_FILE = "manifest.json";
const DATA_DIR = "data";
const WAL_DIR = path.join(CLUSTER_DIR, "pg_wal");
/** Directories PostgreSQL fills at run time: copied empty, as pg_basebackup does. */
const EMPTIED_DIRS = new Set(
  ["pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans"].map((dir) => path.join(CLUSTER_DIR, dir)),
);
const SKIPPED_FILES = new Set([
  LOCK_FILE,
  ...["postmaster.pid", "postmaster.opts", "backup_label", "backup_label.old", "tablespace_map", "postgresql.auto.conf.tmp"].map((file) =>
    path.join(CLUSTER_DIR, file),
  ),
]);
type TCopyRules = { skip: (relative: string) => boolean; emptied: (relative: string) => boolean };
/** What a backup leaves out of a running data directory: run-time state, locks, the socket. */
const LIVE_DATA_DIR: TCopyRules = {
  skip: (relative) =>
    relative === SOCKET_DIR ||
    SKIPPED_FILES.has(relative) ||
    /(^|\/)pgsql_tmp/.test(relative) ||
    relative.endsWith("pg_internal.init") ||
    relative.endsWith(".tmp"),
  emptied: (relative) => EMPTIED_DIRS.has(relative),
};
const EVERYTHING: TCopyRules = { skip: () => false, emptied: () => false };

/** Copies a tree whose files may change or vanish while it is read (PostgreSQL keeps running). */
async function copyTree(from: string, to: string, relative: string, rules: TCopyRules): Promise<void> {
  await mkdir(path.join(to, relative), { recursive: true, mode: 0o700 });
  if (rules.emptied(relative)) return;
  const entries = await readdir(path.join(from, relative), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  for (const entry of entries) {
    const child = path.join(relative, entry.name);
    if (rules.skip(child)) continue;
    if (entry.isDirectory()) await copyTree(from, to, child, rules);
    else if (entry.isFile()) {
      await copyFile(path.join(from, child), path.join(to, child)).catch((error: NodeJS.ErrnoException) => {
        // A file removed after it was listed (a dropped table, a finished temporary file) is not needed.
        if (error.code !== "ENOENT") throw error;
      });
    }
  }
}

async function session(address: TServerAddress, user: string, password: string, database: string): Promise<pg.Client> {
  const client = new pg.Client({ ...address, user, password, database });
  await client.connect();
  return client;
}

async function appliedMigrations(address: TServerAddress, user: string, password: string): Promise<string[]> {
  const client = await session(address, user, password, DATABASE_NAME);
  try {
    const rows = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
    );
    return rows.rows.map((row) => row.migration_name);
  } finally {
    await client.end();
  }
}

async function onlineBackup(dataDir: string, target: string, address: TServerAddress, log: (line: string) => void): Promise<TBackupManifest> {
  const credentials = await storedDatabaseCredentials(dataDir);
  if (!credentials) throw new Error(`${dataDir} has no stored database credentials: start Firebreak on it once, then back it up.`);
  const migrations = await appliedMigrations(address, credentials.superuser, credentials.superuserPassword);
  const client = await session(address, credentials.superuser, credentials.superuserPassword, "postgres");
  try {
    // A temporary slot holds every WAL segment from here on until this session ends, so no
    // checkpoint during the copy can recycle one the backup needs.
    await client.query("SELECT pg_create_physical_replication_slot($1, true, true)", [`firebreak_backup_${process.pid}`]);
    await client.query("SELECT pg_backup_start($1, true)", [`firebreak ${new Date().toISOString()}`]);
    log("Copying the data directory…");
    await copyTree(dataDir, path.join(target, DATA_DIR), "", LIVE_DATA_DIR);
    const stopped = await client.query<{ lsn: string; labelfile: string; spcmapfile: string }>(
      "SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)",
    );
    const { lsn, labelfile, spcmapfile } = stopped.rows[0] as { lsn: string; labelfile: string; spcmapfile: string };
    const stopWalFile = (await client.query<{ name: string }>("SELECT pg_walfile_name($1::pg_lsn) AS name", [lsn])).rows[0]?.name ?? "";
    const startWalFile = labelfile.match(/START WAL LOCATION: \S+ \(file ([0-9A-F]{24})\)/)?.[1];
    if (!startWalFile) throw new Error(`Unexpected backup label from PostgreSQL:\n${labelfile}`);

    const clusterCopy = path.join(target, DATA_DIR, CLUSTER_DIR);
    await writeFile(path.join(clusterCopy, "backup_label"), labelfile, { mode: 0o600 });
    if (spcmapfile) await writeFile(path.join(clusterCopy, "tablespace_map"), spcmapfile, { mode: 0o600 });
    // The WAL from the backup's start on replays the changes made while the files were copied.
    const walCopy = path.join(target, DATA_DIR, WAL_DIR);
    await mkdir(path.join(walCopy, "archive_status"), { recursive: true, mode: 0o700 });
    for (const name of await readdir(path.join(dataDir, WAL_DIR))) {
      if ((/^[0-9A-F]{24}$/.test(name) && name >= startWalFile) || name.endsWith(".history"))
        await copyFile(path.join(dataDir, WAL_DIR, name), path.join(walCopy, name));
    }
    for (const needed of [startWalFile, stopWalFile]) {
      if (!existsSync(path.join(walCopy, needed))) throw new Error(`The backup lacks WAL segment ${needed}; it cannot be restored. Run the backup again.`);
    }
    const manifest: TBackupManifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      postgresVersion: (await readFile(path.join(dataDir, CLUSTER_DIR, "PG_VERSION"), "utf8")).trim(),
      startWalFile,
      stopLsn: lsn,
      migrations,
    };
    await writeFile(path.join(target, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return manifest;
  } finally {
    await client.end();
  }
}

async function assertEmptyDir(dir: string, what: string) {
  if (existsSync(dir) && (await readdir(dir)).length > 0) throw new Error(`${what} ${dir} is not empty: choose a new directory (nothing was changed).`);
}

/**
 * Backs up the embedded install in `dataDir` into the new directory `target` (0700: it holds the
 * secrets). While Firebreak runs it copies under PostgreSQL's backup API; otherwise it starts the
 * embedded PostgreSQL itself for the copy (holding the data directory, so Firebreak cannot start
 * meanwhile) and stops it again.
 */
export async function backupDataDir(dataDir: string, target: string, log: (line: string) => void): Promise<TBackupManifest> {
  const root = path.resolve(dataDir);
  const databaseDir = path.join(root, CLUSTER_DIR);
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) throw new Error(`${root} holds no embedded database to back up.`);
  await assertEmptyDir(target, "The backup directory");
  await mkdir(target, { recursive: true, mode: 0o700 });
  await chmod(target, 0o700);

  const address = await runningServerAddress(databaseDir);
  if (address) return onlineBackup(root, target, address, log);
  log("Firebreak is not running: starting its PostgreSQL for the backup…");
  const database = await startEmbeddedPostgres(root, log);
  try {
    const started = await runningServerAddress(databaseDir);
    if (!started) throw new Error("The embedded PostgreSQL started but names no address.");
    return await onlineBackup(root, target, started, log);
  } finally {
    await database.stop();
  }
}

async function chownTree(dir: string, account: { uid: number; gid: number }): Promise<void> {
  await chown(dir, account.uid, account.gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(child, account);
    else await chown(child, account.uid, account.gid);
  }
}

/** Rows per table of the app's database, to show (and test) what a restore brought back. */
export async function countRows(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client(pgConnectionFields(databaseUrl));
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const result = await client.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${client.escapeIdentifier(name)}`);
      counts[name] = Number(result.rows[0]?.count ?? 0);
    }
    return counts;
  } finally {
    await client.end();
  }
}

/**
 * Restores a backup into `dataDir`, which must be new or empty, then starts its PostgreSQL once:
 * it replays the WAL copied with the backup and proves the database opens with the restored
 * secrets. Returns the rows per table.
 */
export async function restoreDataDir(
  backup: string,
  dataDir: string,
  log: (line: string) => void,
): Promise<{ manifest: TBackupManifest; counts: Record<string, number> }> {
  const manifestFile = path.join(backup, MANIFEST_FILE);
  if (!existsSync(manifestFile)) throw new Error(`${backup} is not a Firebreak backup (no ${MANIFEST_FILE}).`);
  const manifest = ZManifest.parse(JSON.parse(await readFile(manifestFile, "utf8")));
  if (!existsSync(path.join(backup, DATA_DIR, LOCAL_SECRETS_FILE))) throw new Error(`${backup} lacks the data directory's ${LOCAL_SECRETS_FILE}.`);
  const root = path.resolve(dataDir);
  await assertEmptyDir(root, "The data directory");

  log(`Restoring the backup of ${manifest.createdAt} into ${root}…`);
  await copyTree(path.join(backup, DATA_DIR), root, "", EVERYTHING);
  const account = await postgresAccount();
  if (account) await chownTree(path.join(root, CLUSTER_DIR), account);
  await chmod(path.join(root, CLUSTER_DIR), 0o700);

  const database = await startEmbeddedPostgres(root, log);
  try {
    return { manifest, counts: await countRows(database.databaseUrl) };
  } finally {
    await database.stop();
  }
}
