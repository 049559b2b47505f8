import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/** Who may log in to the embedded PostgreSQL: a superuser kept for bootstrap and backups, and the app's own role. */
const ZDatabaseCredentials = z.object({
  superuser: z.string().min(1),
  superuserPassword: z.string().min(32),
  appUser: z.string().min(1),
  appPassword: z.string().min(32),
});
export type TDatabaseCredentials = z.infer<typeof ZDatabaseCredentials>;

const ZLocalSecrets = z.object({ nextauthSecret: z.string().min(32), embeddedDatabase: ZDatabaseCredentials.optional() });
export type TLocalSecrets = z.infer<typeof ZLocalSecrets>;

export const LOCAL_SECRETS_FILE = "secrets.json";

export const generateSecret = () => randomBytes(32).toString("base64url");

async function readLocalSecrets(dataDir: string): Promise<TLocalSecrets | null> {
  const file = path.join(dataDir, LOCAL_SECRETS_FILE);
  return existsSync(file) ? ZLocalSecrets.parse(JSON.parse(await readFile(file, "utf8"))) : null;
}

/** Written whole and renamed into place: a crash mid-write never leaves half a file of passwords. */
async function writeLocalSecrets(dataDir: string, secrets: TLocalSecrets): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCAL_SECRETS_FILE);
  const draft = `${file}.${process.pid}.tmp`;
  await writeFile(draft, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  await rename(draft, file);
}

/** Secrets generated once for a local (embedded-database) install and kept in the data directory. */
export async function loadOrCreateLocalSecrets(dataDir: string): Promise<TLocalSecrets> {
  const existing = await readLocalSecrets(dataDir);
  if (existing) return existing;
  const secrets = { nextauthSecret: generateSecret() };
  await writeLocalSecrets(dataDir, secrets);
  return secrets;
}

/**
 * The embedded database's credentials, created (and stored before any password is set) on first
 * use. `initial` names the roles for a data directory that has none stored yet.
 */
export async function loadOrCreateDatabaseCredentials(dataDir: string, initial: { superuser: string; appUser: string }): Promise<TDatabaseCredentials> {
  const secrets = await loadOrCreateLocalSecrets(dataDir);
  if (secrets.embeddedDatabase) return secrets.embeddedDatabase;
  const embeddedDatabase = { ...initial, superuserPassword: generateSecret(), appPassword: generateSecret() };
  await writeLocalSecrets(dataDir, { ...secrets, embeddedDatabase });
  return embeddedDatabase;
}

/** The stored credentials, for tools that connect to a data directory's database without starting it (backups). */
export async function storedDatabaseCredentials(dataDir: string): Promise<TDatabaseCredentials | null> {
  return (await readLocalSecrets(dataDir))?.embeddedDatabase ?? null;
}
