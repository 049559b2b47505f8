import { describe, expect, it } from "vitest";
import { databaseUrlOf } from "./embedded-postgres";
import { pgConnectionFields } from "./pg-connection";

describe("pgConnectionFields", () => {
  it("reads a Unix socket's directory from ?host=, as libpq and Prisma do", () => {
    expect(pgConnectionFields("postgresql://app:secret@localhost:5432/firebreak?host=%2Fsrv%2Ffirebreak%2Fsocket")).toMatchObject({
      host: "/srv/firebreak/socket",
      port: 5432,
      user: "app",
      password: "secret",
      database: "firebreak",
    });
  });

  it("gives back exactly what the embedded database's URL was made of, socket or TCP", () => {
    const password = "p@ss/word:with%odd#chars";
    for (const address of [
      { host: "/tmp/a data dir/socket", port: 5432 },
      { host: "127.0.0.1", port: 41234 },
    ]) {
      expect(pgConnectionFields(databaseUrlOf(address, "firebreak_app", password))).toMatchObject({
        ...address,
        user: "firebreak_app",
        password,
        database: "firebreak",
      });
    }
  });
});
