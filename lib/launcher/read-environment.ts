import { existsSync } from "node:fs";
import { InvalidEnvironmentError, parseServerEnv, type TServerEnv } from "../env/schema";

/**
 * The settings of the launcher and the command-line scripts: `.env` (when present) loaded into
 * process.env, then the whole environment checked; a bad variable ends the process with a message
 * naming it. Parsed here rather than through serverEnv(), which would keep the settings before the
 * launcher has added the embedded database's.
 */
export function readEnvironment(): TServerEnv {
  if (existsSync(".env")) process.loadEnvFile(".env");
  try {
    // eslint-disable-next-line no-restricted-properties -- checked here before anything starts; the app reads it through serverEnv()
    return parseServerEnv(process.env);
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
