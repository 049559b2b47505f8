import { describe, expect, it } from "vitest";
import { db } from "./prisma";
import { poolSql, prismaSql, withSqlTransaction, type TSql } from "./sql";

// Rows read through the pg driver must be what the same statement gives through Prisma: routing
// code runs on both (decision 026).
const sample = (sql: TSql) =>
  sql<{ at: Date; big: bigint; count: number; labels: unknown; names: string[] }>`
    SELECT ${"2027-03-01T00:00:30.123Z"}::timestamp(3) AS "at", 9007199254740993::int8 AS "big", 3::int AS "count",
      '{"team":"payments"}'::jsonb AS "labels", ARRAY['a', 'b'] AS "names"`;

describe("queries through the pg driver", () => {
  it("read timestamps as UTC and int8 as BigInt, as Prisma's raw queries do", async () => {
    const throughPrisma = await sample(prismaSql());
    const inTransaction = await withSqlTransaction(sample);
    const onThePool = await sample(poolSql());
    expect(inTransaction).toEqual(throughPrisma);
    expect(onThePool).toEqual(throughPrisma);
    expect(inTransaction[0]?.at.toISOString()).toBe("2027-03-01T00:00:30.123Z");
    expect(inTransaction[0]?.big).toBe(9007199254740993n);
  });

  it("commits what the work wrote, and writes nothing when the work throws", async () => {
    const kept = `sql-kept-${Math.random().toString(36).slice(2)}`;
    const dropped = `sql-dropped-${Math.random().toString(36).slice(2)}`;
    // A job lease: a table with no other column to fill.
    const insert = (sql: TSql, name: string) => sql`INSERT INTO "JobLease" ("name", "nextRunAt") VALUES (${name}, now())`;
    await withSqlTransaction((sql) => insert(sql, kept));
    await expect(
      withSqlTransaction(async (sql) => {
        await insert(sql, dropped);
        throw new Error("refused after the insert");
      }),
    ).rejects.toThrow("refused after the insert");
    expect(await db().jobLease.findMany({ where: { name: { in: [kept, dropped] } }, select: { name: true } })).toEqual([{ name: kept }]);
  });

  it("fails the work, not the process, when the connection is lost mid-transaction, and the next one gets a working connection", async () => {
    await expect(withSqlTransaction((sql) => sql`SELECT pg_terminate_backend(pg_backend_pid())`)).rejects.toThrow(/terminat/i);
    expect(await withSqlTransaction((sql) => sql<{ one: number }>`SELECT 1 AS "one"`)).toEqual([{ one: 1 }]);
  });
});
