// The secrets live here: a browser bundle that imports this fails to build.
import "server-only";
import { parseServerEnv, type TServerEnv } from "./schema";

let parsed: TServerEnv | undefined;

/**
 * Firebreak's settings (lib/env/schema.ts), parsed from process.env on first use and kept for the
 * life of the process: every module reads its variables here, never from process.env. In embedded
 * mode the launcher (server.ts) writes DATABASE_URL, NEXTAUTH_SECRET and NEXTAUTH_URL into
 * process.env before it loads any module that calls this.
 */
export function serverEnv(): TServerEnv {
  parsed ??= parseServerEnv(process.env);
  return parsed;
}

/**
 * Tests only: the next serverEnv() parses process.env again. For a test file that points the app at
 * a database of its own after something has read the settings; a setting a function takes as an
 * argument is better passed to it.
 */
export function resetServerEnvForTests(): void {
  parsed = undefined;
}
