import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { ACTOR_SELECT } from "./queries";

/**
 * Sessions are next-auth JWTs in a cookie, valid until they expire however they are copied. Each
 * carries the user's session version from when it was issued; raising the version ends every
 * session issued before. Changes of role or password and disabling the account raise it by a
 * trigger (migration 20261202181500_sessions_and_tokens); signing out raises it here.
 */

/** Cookies issued before session versions existed carry none: they count as the first version. */
export const FIRST_SESSION_VERSION = 0;

/** The version a new session is issued with. */
export async function currentSessionVersion(userId: string): Promise<number> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? FIRST_SESSION_VERSION;
}

/** The active user behind a session of this version, or null when the session was ended, or the account is gone or disabled. */
export async function findSessionActor(userId: string, sessionVersion: number): Promise<TActor | null> {
  return db().user.findFirst({ where: { id: userId, disabledAt: null, sessionVersion }, select: ACTOR_SELECT });
}

/**
 * Signing out: ends the user's sessions of this version, on every browser, copied cookies included.
 * A cookie already ended changes nothing, so a stale copy cannot sign its owner out of newer sessions.
 */
export async function endSessions(userId: string, sessionVersion: number): Promise<void> {
  await db().user.updateMany({ where: { id: userId, sessionVersion }, data: { sessionVersion: { increment: 1 } } });
}
