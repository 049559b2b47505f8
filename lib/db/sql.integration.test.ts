import { describe, expect, it, onTestFinished } from "vitest";
import { db } from "./prisma";
import { poolSql, prismaSql, withSqlTransaction, type TSql } from "./sql";

// Rows read through the pg driver must be what the same statement gives through Prisma: routing
// code runs on both (decision 026).
const sample = (sql: TSql) =>
  sql<{ at: Date; big: bigint; count: number; labels: unknown; names: string[]; day: Date }>`
    SELECT ${"2027-03-01T00:00:30.123Z"}::timestamp(3) AS "at", 9007199254740993::int8 AS "big", 3::int AS "count",
      '{"team":"payments"}'::jsonb AS "labels", ARRAY['a', 'b'] AS "names", '2027-03-01'::date AS "day"`;

describe("queries through the pg driver", () => {
  it("read timestamps as UTC and int8 as BigInt, as Prisma's raw queries do, whatever the process's zone", async () => {
    // The suite runs in UTC, where reading a timestamp in the process's zone would go unnoticed.
    // eslint-disable-next-line no-restricted-properties -- the process's zone, which Node reads from TZ, is what this test changes
    const environment = process.env;
    const zone = environment.TZ;
    environment.TZ = "Asia/Tokyo";
    onTestFinished(() => {
      if (zone === undefined) delete environment.TZ;
      else environment.TZ = zone;
    });
    expect(new Date(2027, 2, 1).toISOString()).toBe("2027-02-28T15:00:00.000Z");
    const throughPrisma = await sample(prismaSql());
    const inTransaction = await withSqlTransaction(sample);
    const onThePool = await sample(poolSql());
    expect(inTransaction).toEqual(throughPrisma);
    expect(onThePool).toEqual(throughPrisma);
    expect(inTransaction[0]?.at.toISOString()).toBe("2027-03-01T00:00:30.123Z");
    expect(inTransaction[0]?.big).toBe(9007199254740993n);
    expect(inTransaction[0]?.day.toISOString()).toBe("2027-03-01T00:00:00.000Z");
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

  it("prepare each statement once per connection, named after its text, and a statement built at run time not at all", async () => {
    const preparedHere = (sql: TSql) =>
      sql<{
        name: string;
        statement: string;
      }>`SELECT "name", "statement" FROM pg_prepared_statements WHERE "statement" LIKE '%/* prepared-statement' || ' test%'`;
    const lookUp = (sql: TSql, value: number) => sql<{ value: number }>`SELECT ${value}::int AS "value" /* prepared-statement test */`;
    const builtText = `SELECT 1 AS "one" /* prepared-statement test, built */`;
    const built = Object.assign([builtText], { raw: [builtText] });
    // The same text from another copy of the module (the server's and Next's share the pool): another frozen strings object.
    const sharedText = `SELECT 2 AS "two" /* prepared-statement test, shared */`;
    const elsewhere = () => Object.freeze(Object.assign([sharedText], { raw: Object.freeze([sharedText]) }));

    const prepared = await withSqlTransaction(async (sql) => {
      expect(await lookUp(sql, 1)).toEqual([{ value: 1 }]);
      expect(await lookUp(sql, 2)).toEqual([{ value: 2 }]);
      expect(await sql(built)).toEqual([{ one: 1 }]);
      expect(await sql(elsewhere())).toEqual([{ two: 2 }]);
      expect(await sql(elsewhere())).toEqual([{ two: 2 }]);
      return preparedHere(sql);
    });
    // Two calls from one place: one statement; one text from two places: one statement; the text built at run time was not kept.
    expect(prepared.map((row) => row.statement).sort()).toEqual(['SELECT $1::int AS "value" /* prepared-statement test */', sharedText]);
    expect(prepared.every((row) => /^firebreak_[A-Za-z0-9_-]{24}$/.test(row.name))).toBe(true);
  });

  it("fails the work, not the process, when the connection is lost mid-transaction, and the next one gets a working connection", async () => {
    await expect(withSqlTransaction((sql) => sql`SELECT pg_terminate_backend(pg_backend_pid())`)).rejects.toThrow(/terminat/i);
    expect(await withSqlTransaction((sql) => sql<{ one: number }>`SELECT 1 AS "one"`)).toEqual([{ one: 1 }]);
  });
});
