import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import pg from "pg";
import type { TDatabaseCredentials } from "@/lib/launcher/local-secrets";

export const DATABASE_NAME = "firebreak";
/** Roles of a data directory created from 2026-12 on: `postgres` for bootstrap, `firebreak_app` for the app. */
export const NEW_CLUSTER_ROLES = { superuser: "postgres", appUser: "firebreak_app" } as const;
/** Data directories created before then have one role, the superuser `firebreak`, with this password. */
export const LEGACY_SUPERUSER = "firebreak";
export const LEGACY_PASSWORD = "firebreak-local";
export const LEGACY_CLUSTER_ROLES = { superuser: LEGACY_SUPERUSER, appUser: "firebreak_app" } as const;

export type TServerAddress = { host: string; port: number };

/**
 * A SCRAM-SHA-256 verifier (RFC 7677, PostgreSQL's format) computed here, so that `ALTER ROLE …
 * PASSWORD` carries no password the server could write to its log.
 */
export function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password.normalize("NFKC"), salt, iterations, 32, "sha256");
  const storedKey = createHash("sha256").update(createHmac("sha256", salted).update("Client Key").digest()).digest("base64");
  const serverKey = createHmac("sha256", salted).update("Server Key").digest("base64");
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey}:${serverKey}`;
}

const isAuthenticationFailure = (error: unknown) => (error as { code?: string }).code === "28P01";

async function connect(address: TServerAddress, user: string, password: string, database: string): Promise<pg.Client> {
  const client = new pg.Client({ ...address, user, password, database });
  client.on("error", () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

/**
 * The superuser's session: with the stored password, or, for a data directory made before
 * passwords were generated (or one whose switch was cut short), once with the old fixed one.
 */
async function superuserSession(address: TServerAddress, credentials: TDatabaseCredentials, database: string): Promise<pg.Client> {
  try {
    return await connect(address, credentials.superuser, credentials.superuserPassword, database);
  } catch (error) {
    if (!isAuthenticationFailure(error) || credentials.superuser !== LEGACY_SUPERUSER) throw error;
    return connect(address, credentials.superuser, LEGACY_PASSWORD, database);
  }
}

/**
 * Objects of the app's schema made by another role (a data directory from before the app role
 * existed, when the superuser owned everything) pass to the app role. Tables carry their indexes,
 * triggers and column sequences with them.
 */
const REASSIGN_SCHEMA_OBJECTS = `
DO $$
DECLARE
  app name := current_setting('firebreak.app_role');
  item record;
BEGIN
  FOR item IN SELECT c.oid::regclass AS relation FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND pg_get_userbyid(c.relowner) <> app LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO %I', item.relation, app);
  END LOOP;
  FOR item IN SELECT c.oid::regclass AS relation FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> app LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', item.relation, app);
  END LOOP;
  FOR item IN SELECT t.oid::regtype AS type FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND pg_get_userbyid(t.typowner) <> app LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO %I', item.type, app);
  END LOOP;
  FOR item IN SELECT p.oid::regprocedure AS routine FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> app LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', item.routine, app);
  END LOOP;
END $$`;

/**
 * Brings the cluster to the stored credentials, on every start (each step is idempotent, so a
 * switch cut short by a crash completes on the next start): the app role exists, may log in and
 * create databases (Prisma's shadow database, test scratch databases) and nothing more; it owns
 * the app's database and everything in it; then the superuser's password is the stored one.
 */
export async function provisionRoles(address: TServerAddress, credentials: TDatabaseCredentials): Promise<void> {
  const admin = await superuserSession(address, credentials, "postgres");
  try {
    const app = admin.escapeIdentifier(credentials.appUser);
    const existing = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [credentials.appUser]);
    const attributes = `LOGIN CREATEDB NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(scramVerifier(credentials.appPassword))}`;
    await admin.query(existing.rowCount === 0 ? `CREATE ROLE ${app} ${attributes}` : `ALTER ROLE ${app} ${attributes}`);
    const database = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
    if (database.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME} OWNER ${app}`);
    else await admin.query(`ALTER DATABASE ${DATABASE_NAME} OWNER TO ${app}`);

    const inDatabase = await superuserSession(address, credentials, DATABASE_NAME);
    try {
      await inDatabase.query("SELECT set_config('firebreak.app_role', $1, false)", [credentials.appUser]);
      await inDatabase.query(REASSIGN_SCHEMA_OBJECTS);
    } finally {
      await inDatabase.end();
    }

    await admin.query(
      `ALTER ROLE ${admin.escapeIdentifier(credentials.superuser)} PASSWORD ${admin.escapeLiteral(scramVerifier(credentials.superuserPassword))}`,
    );
  } finally {
    await admin.end();
  }
}
