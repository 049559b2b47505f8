import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { SYSTEM_USER_ID } from "./system-user";

export const ACTOR_SELECT = { id: true, name: true, email: true, role: true } as const;

export function listUsers() {
  return db().user.findMany({
    where: { id: { not: SYSTEM_USER_ID } },
    orderBy: [{ disabledAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
    select: { ...ACTOR_SELECT, disabledAt: true, createdAt: true },
  });
}

const API_TOKEN_SELECT = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, expiresAt: true } as const;

export function listApiTokens(userId: string) {
  return db().apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: API_TOKEN_SELECT });
}

/** A user's tokens, for an admin; null when there is no such user. */
export async function listApiTokensOfUser(userId: string) {
  const user = await db().user.findFirst({
    where: { AND: [{ id: userId }, { id: { not: SYSTEM_USER_ID } }] },
    select: { apiTokens: { orderBy: { createdAt: "desc" }, select: API_TOKEN_SELECT } },
  });
  return user?.apiTokens ?? null;
}

/** Every user's tokens that still work (not revoked, not expired), by user id: the admin's users page. */
export async function workingApiTokensByUser(now = new Date()) {
  const tokens = await db().apiToken.findMany({
    where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
    select: { ...API_TOKEN_SELECT, userId: true },
  });
  const byUser = new Map<string, typeof tokens>();
  for (const token of tokens) byUser.set(token.userId, [...(byUser.get(token.userId) ?? []), token]);
  return byUser;
}

/** The active user behind a session, or null when the account is gone or disabled. */
export async function findActiveActor(userId: string): Promise<TActor | null> {
  return db().user.findFirst({ where: { id: userId, disabledAt: null }, select: ACTOR_SELECT });
}

export async function findActorByCredentials(email: string) {
  return db().user.findFirst({
    where: { email: email.toLowerCase(), disabledAt: null },
    select: { ...ACTOR_SELECT, passwordHash: true },
  });
}

/** People, not counting the system account: zero means a fresh install. */
export async function countUsers() {
  return db().user.count({ where: { id: { not: SYSTEM_USER_ID } } });
}

/** The zone a user chose to read times in, or null to follow their browser's. */
export async function userTimeZone(userId: string): Promise<string | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { timeZone: true } });
  return user?.timeZone ?? null;
}
