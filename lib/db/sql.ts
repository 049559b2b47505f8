import { createHash } from "node:crypto";
import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, dbPool, type TPrismaClient, type TTransaction } from "./prisma";

/**
 * A tagged-template query in a transaction (or outside one): the rows it returns. The code that
 * opens incidents from alerts is written against this rather than Prisma's client (decision 026):
 * the same statement costs the process about 0.2 ms of CPU through the pg driver and 1.3 ms through
 * Prisma's `$queryRaw` (3.3 ms as a model query), and alerts open incidents a hundred at a time.
 * Rows come back as Prisma's raw queries give them: `bigint` as BigInt, timestamps as UTC dates.
 */
export type TSql = <TRow>(strings: TemplateStringsArray, ...values: unknown[]) => Promise<TRow[]>;

/** The same queries through Prisma, for callers already inside a Prisma transaction (or none). */
export function prismaSql(client: TTransaction | TPrismaClient = db()): TSql {
  return <TRow>(strings: TemplateStringsArray, ...values: unknown[]) => client.$queryRaw<TRow[]>(strings, ...values);
}

// Prisma's raw queries read `timestamp` and `date` as UTC and int8 as BigInt; the pg driver's
// defaults would read the first two in the process's zone and the last as a string. (Arrays of them
// keep the driver's reading: no query here returns one.)
const TIMESTAMP_OID = 1114;
const DATE_OID = 1082;
const INT8_OID = 20;
const types = {
  getTypeParser: (oid: number, format?: "text" | "binary") => {
    if (oid === TIMESTAMP_OID) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    if (oid === DATE_OID) return (value: string) => new Date(`${value}T00:00:00Z`);
    if (oid === INT8_OID) return (value: string) => BigInt(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

// Every statement is prepared once per connection, under a name taken from its text: the server's
// own modules and Next's bundles are two copies of this one, sharing one pool, and must name one
// text alike (and two texts apart). Parsing and planning were a quarter of PostgreSQL's time for a
// burst of new incidents (decision 030). A template literal's strings are one frozen object per call
// site, so the name is worked out once per site; an array built at run time (not frozen) is sent
// unnamed, as it may differ each time.
const statementNames = new WeakMap<TemplateStringsArray, string>();

function statementName(strings: TemplateStringsArray, text: string): string | undefined {
  if (!Object.isFrozen(strings)) return undefined;
  let name = statementNames.get(strings);
  if (name === undefined) {
    name = `firebreak_${createHash("sha256").update(text).digest("base64url").slice(0, 24)}`;
    statementNames.set(strings, name);
  }
  return name;
}

function clientSql(client: pg.PoolClient | pg.Pool): TSql {
  return async <TRow>(strings: TemplateStringsArray, ...values: unknown[]) => {
    const text = strings.reduce((query, part, index) => `${query}$${index}${part}`);
    return (await client.query({ name: statementName(strings, text), text, values, types })).rows as TRow[];
  };
}

/** Queries through the pg driver outside a transaction, each on whichever pooled connection is free. */
export function poolSql(): TSql {
  return clientSql(dbPool());
}

/**
 * Runs `work` in a transaction on a connection of the pool Prisma uses, through the pg driver.
 * Committed when `work` resolves, rolled back when it throws (the error is passed on).
 */
export async function withSqlTransaction<T>(work: (sql: TSql) => Promise<T>): Promise<T> {
  const client = await dbPool().connect();
  let broken: Error | undefined;
  // A connection lost mid-transaction also emits "error" on the client; unheard, it would end the process.
  const onLost = (error: Error) => (broken = error);
  client.on("error", onLost);
  try {
    // As long as a Prisma transaction may take (lib/db/prisma.ts): a statement stuck behind a lock or
    // a connection gone quiet gives the connection back instead of holding it for minutes.
    await client.query("BEGIN; SET LOCAL statement_timeout = '15s'; SET LOCAL idle_in_transaction_session_timeout = '15s'");
    const result = await work(clientSql(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    // A connection lost, or whose rollback failed, is in no known state: the pool closes it rather than reusing it.
    client.removeListener("error", onLost);
    client.release(broken);
  }
}

/** A unique constraint refused the write, through Prisma (P2002) or the pg driver (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  return error instanceof pg.DatabaseError && error.code === "23505";
}
