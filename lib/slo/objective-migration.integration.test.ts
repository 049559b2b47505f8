import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pgConnectionFields } from "@/lib/db/pg-connection";

// The migration runs against a table of its own in a schema of its own: the shared test database is already migrated.
const schema = `objective_migration_${Math.random().toString(36).slice(2, 8)}`;
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client(pgConnectionFields(inject("databaseUrl")));
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.query(`SET search_path TO "${schema}"`);
});

afterAll(async () => {
  await client.query(`DROP SCHEMA "${schema}" CASCADE`);
  await client.end();
});

describe("the migration to objectives in parts per million", () => {
  it("rounds stored float objectives to whole ppm and lets factors left at the workbook's table follow the window", async () => {
    // The columns and constraints the migration works on, as the migrations before it left them.
    await client.query(`CREATE TABLE "Slo" ("id" TEXT PRIMARY KEY, "objective" DOUBLE PRECISION NOT NULL, "window" TEXT NOT NULL,
                        "burnRateFactors" DOUBLE PRECISION[] NOT NULL DEFAULT ARRAY[14.4, 6, 3, 1])`);
    await client.query(`ALTER TABLE "Slo" ADD CONSTRAINT "Slo_objective_check" CHECK ("objective" > 0 AND "objective" < 1)`);
    await client.query(
      `ALTER TABLE "Slo" ADD CONSTRAINT "Slo_burnRateFactors_check" CHECK (cardinality("burnRateFactors") = 4 AND 0 < ALL ("burnRateFactors"))`,
    );
    await client.query(`INSERT INTO "Slo" ("id", "objective", "window", "burnRateFactors") VALUES
      ('float-noise', 0.9990000000000001, 'calendar_month', '{14.4,6,3,1}'),
      ('four-decimals', 0.999999, 'rolling_28d', '{13.44,5.6,2.8,0.93}'),
      ('own-factors', 0.995, 'calendar_month', '{20,8,3,1}'),
      ('week', 0.99, 'rolling_7d', '{3.36,1.4,0.7,0.23}'),
      ('week-other-table', 0.9, 'rolling_7d', '{14.4,6,3,1}')`);
    const migration = await readFile(path.resolve("prisma/migrations/20261202120000_slo_objective_ppm/migration.sql"), "utf8");
    await client.query(migration);
    const { rows } = await client.query(`SELECT "id", "objectivePpm", "burnRateFactors" FROM "Slo" ORDER BY "id"`);
    expect(rows).toEqual([
      { id: "float-noise", objectivePpm: 999_000, burnRateFactors: [] },
      { id: "four-decimals", objectivePpm: 999_999, burnRateFactors: [] },
      { id: "own-factors", objectivePpm: 995_000, burnRateFactors: [20, 8, 3, 1] },
      { id: "week", objectivePpm: 990_000, burnRateFactors: [] },
      { id: "week-other-table", objectivePpm: 900_000, burnRateFactors: [14.4, 6, 3, 1] },
    ]);
    const columns = await client.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'Slo'`, [schema]);
    expect(columns.rows.map((row) => row.column_name)).not.toContain("objective");
    await expect(client.query(`UPDATE "Slo" SET "objectivePpm" = 1000000 WHERE "id" = 'week'`)).rejects.toThrow(/Slo_objectivePpm_check/);
    await expect(client.query(`UPDATE "Slo" SET "burnRateFactors" = '{1,2}' WHERE "id" = 'week'`)).rejects.toThrow(/Slo_burnRateFactors_check/);
  });
});
