// Builds the production bundle only when the sources changed since the last build (the test scripts run it first).
import { buildIfStale } from "../lib/launcher/build-freshness";

try {
  await buildIfStale(process.cwd(), (line) => console.log(line));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
