import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrate";
import { saveMigratedTemplate } from "./scratch-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One throwaway embedded PostgreSQL for the whole integration run, migrated once; a copy of the empty schema for scratch databases. */
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "firebreak-integration-"));
  const database = await startEmbeddedPostgres(dataDir);
  await applyMigrations(database.databaseUrl, () => {});
  await saveMigratedTemplate(database.databaseUrl);
  project.provide("databaseUrl", database.databaseUrl);
  return async () => {
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
