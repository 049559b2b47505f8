import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { withSqlTransaction, type TSql } from "@/lib/db/sql";
import { createTestUser } from "@/lib/testing/factories";
import { eventually } from "@/tests/collaboration-client";
import { createIntegration, deleteIntegration, rotateIntegrationKey, updateIntegration } from "./integrations";
import { findIntegrationByKey } from "./receive";

let admin: TActor;

beforeAll(async () => {
  admin = await createTestUser("admin");
});

const newIntegration = (name: string) => createIntegration(admin, { name, source: "generic", defaultServiceId: null, defaultSeverity: "SEV3" });

/**
 * A change announced to no process: the trigger is off inside this transaction alone (DDL is
 * transactional; nobody else ever sees it off). What a process keeps in memory then shows.
 */
const unannounced = (change: (sql: TSql) => Promise<unknown>) =>
  withSqlTransaction(async (sql) => {
    await sql`ALTER TABLE "Integration" DISABLE TRIGGER "Integration_notify"`;
    await change(sql);
    await sql`ALTER TABLE "Integration" ENABLE TRIGGER "Integration_notify"`;
  });
const renameUnannounced = (integrationId: string, name: string) =>
  unannounced((sql) => sql`UPDATE "Integration" SET "name" = ${name} WHERE "id" = ${integrationId}`);

/** Reads until the process is listening for changes and keeps what it read (the first read starts listening); the name it keeps. */
async function keptInMemory(key: string, integrationId: string): Promise<string> {
  let kept = "";
  await eventually(async () => {
    kept = (await findIntegrationByKey(key))?.name ?? "";
    await renameUnannounced(integrationId, `${kept}, renamed unannounced`);
    return (await findIntegrationByKey(key))?.name === kept;
  });
  return kept;
}

describe("integrations looked up by key", () => {
  it("are kept in memory between changes, and a change from anywhere is seen at once", async () => {
    const integration = await newIntegration("kept");
    const kept = await keptInMemory(integration.key, integration.id);
    // Kept: a change nobody announced is not seen.
    expect((await findIntegrationByKey(integration.key))?.name).toBe(kept);

    // An edit through the app (any process): announced on commit, and the next delivery sees it.
    await updateIntegration(admin, integration.id, { name: "edited" });
    await eventually(async () => (await findIntegrationByKey(integration.key))?.name === "edited");
  });

  it("stop honouring a rotated key and honour the new one", async () => {
    const integration = await newIntegration("rotated");
    await keptInMemory(integration.key, integration.id);
    const rotated = await rotateIntegrationKey(admin, integration.id);
    await eventually(async () => (await findIntegrationByKey(integration.key)) === null);
    expect((await findIntegrationByKey(rotated.key))?.id).toBe(integration.id);
  });

  it("stop honouring the key of a deleted integration, however the row changed", async () => {
    const deleted = await newIntegration("deleted");
    await keptInMemory(deleted.key, deleted.id);
    await deleteIntegration(admin, deleted.id);
    await eventually(async () => (await findIntegrationByKey(deleted.key)) === null);

    // A change in plain SQL (an operator's fix, a restore) is announced by the table's trigger too.
    const disabledBySql = await newIntegration("disabled by SQL");
    await keptInMemory(disabledBySql.key, disabledBySql.id);
    await withSqlTransaction((sql) => sql`UPDATE "Integration" SET "deletedAt" = now() WHERE "id" = ${disabledBySql.id}`);
    await eventually(async () => (await findIntegrationByKey(disabledBySql.key)) === null);
  });

  it("do not keep keys that match nothing", async () => {
    const integration = await newIntegration("later");
    await keptInMemory(integration.key, integration.id);
    const madeUp = `fbi_${"x".repeat(30)}`;
    expect(await findIntegrationByKey(madeUp)).toBeNull();
    // The made-up key becomes the integration's key with triggers off: a key kept as unknown would stay unknown.
    await unannounced((sql) => sql`UPDATE "Integration" SET "key" = ${madeUp} WHERE "id" = ${integration.id}`);
    expect((await findIntegrationByKey(madeUp))?.id).toBe(integration.id);
  });

  it("are read from the database while the process does not hear of changes, and kept again once it does", async () => {
    const integration = await newIntegration("listener lost");
    await keptInMemory(integration.key, integration.id);
    // The connection that hears of changes drops (a failover, a restart): changes made meanwhile would be missed.
    await withSqlTransaction((sql) => sql`SELECT pg_terminate_backend("pid") FROM pg_stat_activity WHERE "query" = 'LISTEN firebreak_integrations'`);
    await eventually(async () => {
      await renameUnannounced(integration.id, "while deaf");
      return (await findIntegrationByKey(integration.key))?.name === "while deaf";
    });
    // Listening again (after its back-off): kept in memory again.
    await keptInMemory(integration.key, integration.id);
  });
});
