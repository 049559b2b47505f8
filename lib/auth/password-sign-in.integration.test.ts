import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/prisma";
import { insertUser } from "@/lib/users/service";
import { signInWithPassword } from "./password-sign-in";
import { FREE_FAILURES } from "./sign-in-throttle";

const PASSWORD = "correct horse battery staple";
const start = new Date("2026-12-02T10:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);
let email: string;

beforeAll(async () => {
  email = `throttle-${randomUUID()}@test.firebreak.local`;
  await insertUser({ email, name: "Throttled", role: "responder", password: PASSWORD });
});

const attempt = (password: string, clientAddress: string, now: Date) => signInWithPassword({ email, password, clientAddress }, now);

it("makes a client that keeps guessing wait longer each time, but never locks out the owner's own client", async () => {
  const attacker = `203.0.113.${Math.floor(Math.random() * 250)}`;
  for (let guess = 0; guess < FREE_FAILURES; guess++) expect(await attempt(`guess ${guess}`, attacker, start)).toEqual({ outcome: "wrong_credentials" });
  expect(await attempt("one more guess", attacker, start)).toEqual({ outcome: "wrong_credentials" });
  // Now that client waits, and even the right password is not checked for it until the wait is over.
  expect(await attempt(PASSWORD, attacker, at(500))).toEqual({ outcome: "throttled", retryAfterMs: 500 });

  // The account's owner, on a client that has not failed, signs in at once.
  expect(await attempt(PASSWORD, "198.51.100.7", at(500))).toMatchObject({ outcome: "signed_in", user: { email } });

  // The waits are in PostgreSQL: a restarted (or another) app process enforces them too.
  await disconnectDb();
  expect(await attempt(PASSWORD, attacker, at(900))).toEqual({ outcome: "throttled", retryAfterMs: 100 });
  expect(await attempt("another guess", attacker, at(1_000))).toEqual({ outcome: "wrong_credentials" });
  expect(await attempt(PASSWORD, attacker, at(1_500))).toEqual({ outcome: "throttled", retryAfterMs: 1_500 });

  // Once the wait is over the right password works and the slate is wiped.
  expect(await attempt(PASSWORD, attacker, at(3_000))).toMatchObject({ outcome: "signed_in" });
  expect(await db().signInFailure.findMany({ where: { email, clientAddress: attacker } })).toEqual([]);
});

it("counts every one of concurrent wrong passwords", async () => {
  const client = `192.0.2.${Math.floor(Math.random() * 250)}`;
  await Promise.all(Array.from({ length: FREE_FAILURES + 3 }, (_, guess) => attempt(`parallel ${guess}`, client, start)));
  const [row] = await db().signInFailure.findMany({ where: { email, clientAddress: client } });
  expect(row?.failures).toBe(FREE_FAILURES + 3);
  expect(row?.blockedUntil).toEqual(at(4_000));
});

it("answers an unknown email like a wrong password", async () => {
  const outcome = await signInWithPassword({ email: `nobody-${randomUUID()}@test.firebreak.local`, password: PASSWORD, clientAddress: "192.0.2.1" }, start);
  expect(outcome).toEqual({ outcome: "wrong_credentials" });
});
