// `npm run restore -- <backup directory>`: puts a backup made by `npm run backup` into
// FIREBREAK_DATA_DIR (default .data), which must be new or empty, and checks that it opens.
import path from "node:path";
import { restoreDataDir } from "../lib/db/backup";
import { readEnvironment } from "../lib/launcher/read-environment";

const log = (line: string) => console.log(`[restore] ${line}`);

const env = readEnvironment();
const backup = process.argv[2];
if (!backup) {
  console.error("Usage: npm run restore -- <backup directory>   (into FIREBREAK_DATA_DIR, default .data, which must be empty)");
  process.exit(1);
}
const dataDir = path.resolve(env.FIREBREAK_DATA_DIR);

try {
  const { manifest, counts } = await restoreDataDir(path.resolve(backup), dataDir, log);
  log(`Restored the backup of ${manifest.createdAt} into ${dataDir}:`);
  for (const table of ["User", "Incident", "TimelineEntry", "Alert", "Slo", "Postmortem", "ActionItem"]) log(`  ${table.padEnd(14)} ${counts[table] ?? 0}`);
  log("Start Firebreak with npm start.");
} catch (error) {
  console.error(`[restore] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
