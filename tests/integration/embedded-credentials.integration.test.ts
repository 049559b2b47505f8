import { readFileSync, statSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type TEmbeddedDatabase } from "@/lib/db/embedded-postgres";
import { LEGACY_PASSWORD, LEGACY_SUPERUSER } from "@/lib/db/embedded-roles";
import { pgConnectionFields } from "@/lib/db/pg-connection";
import { initialiseCluster, postgresAccount, postgresBinaries, Postmaster } from "@/lib/db/postmaster";

const dataDirs: string[] = [];
const running: TEmbeddedDatabase[] = [];
afterAll(async () => {
  await Promise.all(running.map((database) => database.stop()));
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function newDataDir(prefix = "firebreak-credentials-") {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  dataDirs.push(dir);
  return dir;
}

async function start(dataDir: string) {
  const database = await startEmbeddedPostgres(dataDir);
  running.push(database);
  return database;
}

async function stop(database: TEmbeddedDatabase) {
  running.splice(running.indexOf(database), 1);
  await database.stop();
}

async function withClient<T>(config: pg.ClientConfig, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The server's address with someone else's user name and password. */
function as(databaseUrl: string, user: string, password: string): pg.ClientConfig {
  return { ...pgConnectionFields(databaseUrl), user, password };
}

async function expectAppRoleConfined(databaseUrl: string) {
  await withClient(pgConnectionFields(databaseUrl), async (client) => {
    const role = await client.query("SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user");
    expect(role.rows).toEqual([{ rolsuper: false, rolcreaterole: false }]);
    await expect(client.query("COPY (SELECT 1) TO PROGRAM 'id'")).rejects.toThrow(/permission denied/);
    await expect(client.query("SELECT rolpassword FROM pg_authid")).rejects.toThrow(/permission denied/);
  });
}

async function expectFixedPasswordRefused(databaseUrl: string) {
  for (const user of [LEGACY_SUPERUSER, "postgres", pgConnectionFields(databaseUrl).user as string]) {
    await expect(withClient(as(databaseUrl, user, LEGACY_PASSWORD), async () => {})).rejects.toMatchObject({ code: "28P01" });
  }
}

const storedSecrets = (dataDir: string) => JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8"));

/** A data directory as Firebreak made it before 2026-12: one superuser `firebreak` with the fixed password, owning a table with data. */
async function makeLegacyDataDir(dataDir: string, secrets: object) {
  const binaries = await postgresBinaries();
  const account = await postgresAccount();
  const databaseDir = path.join(dataDir, "postgres");
  // As the launcher did then: as root, PostgreSQL's own account must reach its directory.
  if (account) await chmod(dataDir, 0o711);
  await initialiseCluster({ binaries, databaseDir, superuser: LEGACY_SUPERUSER, superuserPassword: LEGACY_PASSWORD, account });
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const postmaster = new Postmaster({
    binaries,
    databaseDir,
    port,
    settings: { listen_addresses: "127.0.0.1", unix_socket_directories: "" },
    account,
    log: () => {},
  });
  await postmaster.start();
  try {
    const superuser = { host: "127.0.0.1", port, user: LEGACY_SUPERUSER, password: LEGACY_PASSWORD };
    await withClient({ ...superuser, database: "postgres" }, (client) => client.query("CREATE DATABASE firebreak"));
    await withClient({ ...superuser, database: "firebreak" }, (client) =>
      client.query("CREATE TABLE kept (id serial PRIMARY KEY, note text); INSERT INTO kept (note) VALUES ('made with the fixed password')"),
    );
  } finally {
    await postmaster.stop();
  }
  await writeFile(path.join(dataDir, "secrets.json"), JSON.stringify(secrets), { mode: 0o600 });
}

describe("the embedded PostgreSQL's credentials", () => {
  it("gives the app a role that is no superuser, behind passwords generated for the data directory, on a socket only its account reaches", async () => {
    const dataDir = await newDataDir();
    const database = await start(dataDir);

    await expectAppRoleConfined(database.databaseUrl);
    await expectFixedPasswordRefused(database.databaseUrl);

    const secrets = storedSecrets(dataDir);
    expect(statSync(path.join(dataDir, "secrets.json")).mode & 0o777).toBe(0o600);
    expect(secrets.embeddedDatabase).toMatchObject({ superuser: "postgres", appUser: "firebreak_app" });
    expect(secrets.embeddedDatabase.superuserPassword).not.toBe(secrets.embeddedDatabase.appPassword);
    expect(pgConnectionFields(database.databaseUrl).password).toBe(secrets.embeddedDatabase.appPassword);

    const socketDir = pgConnectionFields(database.databaseUrl).host as string;
    expect(socketDir).toBe(path.join(dataDir, "socket"));
    expect(statSync(socketDir).mode & 0o777).toBe(0o700);
    // postmaster.pid line 6 is the first TCP listen address: none.
    expect(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[5]).toBe("");

    // The app role owns its database: migrations and scratch databases work without a superuser.
    await withClient(pgConnectionFields(database.databaseUrl), async (client) => {
      await client.query("CREATE TABLE owned_by_the_app (id int)");
      await client.query("DROP TABLE owned_by_the_app");
    });
  }, 60_000);

  it("switches a data directory made with the fixed password to generated ones, keeping its data", async () => {
    const dataDir = await newDataDir();
    await makeLegacyDataDir(dataDir, { nextauthSecret: "s".repeat(43) });

    const first = await start(dataDir);
    await withClient(pgConnectionFields(first.databaseUrl), async (client) => {
      expect((await client.query("SELECT note FROM kept")).rows).toEqual([{ note: "made with the fixed password" }]);
      // Owner now, not only a reader: it can write and change the schema, as migrations do.
      await client.query("INSERT INTO kept (note) VALUES ('written by the app role')");
      await client.query("ALTER TABLE kept ADD COLUMN added text");
    });
    await expectAppRoleConfined(first.databaseUrl);
    await expectFixedPasswordRefused(first.databaseUrl);
    expect(storedSecrets(dataDir)).toMatchObject({
      nextauthSecret: "s".repeat(43),
      embeddedDatabase: { superuser: LEGACY_SUPERUSER, appUser: "firebreak_app" },
    });
    await stop(first);

    // The next start uses the stored passwords.
    const second = await start(dataDir);
    await withClient(pgConnectionFields(second.databaseUrl), async (client) => {
      expect((await client.query("SELECT count(*)::int AS notes FROM kept")).rows).toEqual([{ notes: 2 }]);
    });
    await expectFixedPasswordRefused(second.databaseUrl);
  }, 90_000);

  it("finishes a switch cut short after the new passwords were stored", async () => {
    const dataDir = await newDataDir();
    const stored = { superuser: LEGACY_SUPERUSER, superuserPassword: "a".repeat(43), appUser: "firebreak_app", appPassword: "b".repeat(43) };
    await makeLegacyDataDir(dataDir, { nextauthSecret: "s".repeat(43), embeddedDatabase: stored });

    const database = await start(dataDir);
    expect(pgConnectionFields(database.databaseUrl).password).toBe(stored.appPassword);
    await withClient(pgConnectionFields(database.databaseUrl), async (client) => {
      expect((await client.query("SELECT note FROM kept")).rows).toEqual([{ note: "made with the fixed password" }]);
    });
    await expectFixedPasswordRefused(database.databaseUrl);
    await withClient(as(database.databaseUrl, LEGACY_SUPERUSER, stored.superuserPassword), async () => {});
  }, 60_000);

  it("listens on loopback TCP, still behind the generated passwords, where the socket's path would be too long", async () => {
    const dataDir = await newDataDir(`firebreak-credentials-${"long-".repeat(16)}`);
    const database = await start(dataDir);
    expect(pgConnectionFields(database.databaseUrl).host).toBe("127.0.0.1");
    await expectAppRoleConfined(database.databaseUrl);
    await expectFixedPasswordRefused(database.databaseUrl);
  }, 60_000);
});
