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

export function listApiTokens(userId: string) {
  return db().apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
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
