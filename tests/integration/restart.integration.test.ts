import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { pgConnectionFields } from "@/lib/db/pg-connection";

const dataDirs: string[] = [];
afterAll(async () => {
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function query(databaseUrl: string, sql: string) {
  const client = new pg.Client(pgConnectionFields(databaseUrl));
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

it("keeps committed data across a stop and a restart of the embedded PostgreSQL", async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "firebreak-restart-"));
  dataDirs.push(dataDir);

  const first = await startEmbeddedPostgres(dataDir);
  await query(first.databaseUrl, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('survives restarts')");
  await first.stop();

  const second = await startEmbeddedPostgres(dataDir);
  try {
    expect(await query(second.databaseUrl, "SELECT note FROM kept")).toEqual([{ note: "survives restarts" }]);
  } finally {
    await second.stop();
  }
});
