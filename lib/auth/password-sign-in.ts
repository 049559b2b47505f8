import { db } from "@/lib/db/prisma";
import { findActorByCredentials } from "@/lib/users/queries";
import { hashPassword, verifyPassword } from "./password";
import { afterFailure, waitBeforeNextAttemptMs, type TSignInFailures } from "./sign-in-throttle";

export type TPasswordSignIn = { email: string; password: string; clientAddress: string };
export type TPasswordSignInOutcome =
  | { outcome: "signed_in"; user: { id: string; email: string; name: string } }
  | { outcome: "wrong_credentials" }
  | { outcome: "throttled"; retryAfterMs: number };

// Unknown emails are checked against this hash, so the answer takes as long as for a real account.
let dummyHash: Promise<string> | null = null;
const dummyPasswordHash = () => (dummyHash ??= hashPassword("firebreak: no account has this password"));

/**
 * Email and password sign-in, throttled per (email, client address) in PostgreSQL so that every app
 * process enforces the same waits. A throttled attempt is refused before the password is checked.
 */
export async function signInWithPassword({ email, password, clientAddress }: TPasswordSignIn, now = new Date()): Promise<TPasswordSignInOutcome> {
  const key = { email: email.toLowerCase(), clientAddress };
  const failures = await db().signInFailure.findUnique({ where: { email_clientAddress: key } });
  const retryAfterMs = waitBeforeNextAttemptMs(failures, now);
  if (retryAfterMs > 0) return { outcome: "throttled", retryAfterMs };

  const user = await findActorByCredentials(key.email);
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user?.passwordHash || !passwordMatches) {
    await recordFailure(key, now);
    return { outcome: "wrong_credentials" };
  }
  if (failures) await db().signInFailure.deleteMany({ where: key });
  return { outcome: "signed_in", user: { id: user.id, email: user.email, name: user.name } };
}

/** One more failure, under a row lock so concurrent failures from several processes all count. */
async function recordFailure(key: { email: string; clientAddress: string }, now: Date) {
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "SignInFailure" ("email", "clientAddress", "failures", "lastFailureAt", "blockedUntil")
      VALUES (${key.email}, ${key.clientAddress}, 0, ${now}, ${now}) ON CONFLICT DO NOTHING`;
    const [current] = await tx.$queryRaw<TSignInFailures[]>`
      SELECT "failures", "lastFailureAt", "blockedUntil" FROM "SignInFailure"
      WHERE "email" = ${key.email} AND "clientAddress" = ${key.clientAddress} FOR UPDATE`;
    const next = afterFailure(current && current.failures > 0 ? current : null, now);
    await tx.signInFailure.update({ where: { email_clientAddress: key }, data: next });
  });
}
