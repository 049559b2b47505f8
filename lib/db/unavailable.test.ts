import { expect, it } from "vitest";
import { isDatabaseUnavailable, outageLogger } from "./unavailable";

it("tells an unreachable database from a query that went wrong", () => {
  // As Prisma 6.19 with the pg adapter reports a refused connection.
  const refused = Object.assign(new Error("Can't reach database server at 127.0.0.1:1"), {
    code: "P1001",
    meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 1 } } },
  });
  expect(isDatabaseUnavailable(refused)).toBe(true);
  expect(isDatabaseUnavailable({ meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "57P01" } } } })).toBe(true);
  expect(isDatabaseUnavailable(Object.assign(new Error("connect"), { code: "ECONNREFUSED" }))).toBe(true);
  expect(isDatabaseUnavailable(new Error("wrapped", { cause: new Error("Connection terminated unexpectedly") }))).toBe(true);
  // As Prisma reports a transaction that waited longer than maxWait for a connection of a busy pool.
  expect(isDatabaseUnavailable(Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" }))).toBe(true);
  expect(isDatabaseUnavailable(Object.assign(new Error("Transaction API error: Transaction already closed"), { code: "P2028" }))).toBe(false);
  // As the pg driver reports a server at max_connections (lib/db/sql.ts; Prisma's adapter calls it TooManyConnections).
  expect(isDatabaseUnavailable(Object.assign(new Error("sorry, too many clients already"), { code: "53300" }))).toBe(true);
  // As the pg pool reports the same wait (lib/db/sql.ts).
  expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
  expect(isDatabaseUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
  expect(isDatabaseUnavailable({ meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "23505" } } } })).toBe(false);
  expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
});

it("logs the first failure of an outage at once and sums up the rest every ten seconds", () => {
  const lines: string[] = [];
  let clock = 0;
  const log = outageLogger((line) => lines.push(line), 10_000, () => clock);
  for (let request = 0; request < 50; request++) {
    log("GET /api/incidents → 503");
    clock += 100;
  }
  expect(lines).toEqual(["GET /api/incidents → 503"]);
  clock = 10_500;
  log("POST /api/ingest → 503");
  expect(lines).toEqual(["GET /api/incidents → 503", "POST /api/ingest → 503 (49 more failed the same way in the last 11 s)"]);
});
