// `npm run backup [-- <new directory>]`: a restorable copy of the embedded install (database and
// local secrets), taken while Firebreak runs or not. An external database is backed up with pg_dump.
import path from "node:path";
import { backupDataDir } from "../lib/db/backup";
import { readEnvironment } from "../lib/launcher/read-environment";

const log = (line: string) => console.log(`[backup] ${line}`);

const env = readEnvironment();
if (env.DATABASE_URL) {
  console.error("DATABASE_URL is set: back up that PostgreSQL with pg_dump (see Operations in README.md). npm run backup is for the embedded database.");
  process.exit(1);
}
const dataDir = path.resolve(env.FIREBREAK_DATA_DIR);
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
const target = path.resolve(process.argv[2] ?? path.join("backups", `firebreak-${stamp}`));

try {
  const manifest = await backupDataDir(dataDir, target, log);
  log(`Backed up ${dataDir} (PostgreSQL ${manifest.postgresVersion}, ${manifest.migrations.length} migrations) into ${target}`);
  log("It holds the install's secrets: keep it as private as the data directory.");
} catch (error) {
  console.error(`[backup] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
