import { generateApiToken, hashApiToken } from "@/lib/auth/api-token";
import { hashPassword } from "@/lib/auth/password";
import { assertCan, can, type TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { conflict, DomainError, notFound, unprocessable } from "@/lib/errors";
import { announceUserAccessChanged } from "./events";
import { ACTOR_SELECT } from "./queries";
import type { TUserCreate, TUserUpdate } from "./schema";

export async function createUser(actor: TActor, input: TUserCreate) {
  assertCan(actor, "user:manage");
  return insertUser(input);
}

/** Used by the admin page and by the first-run bootstrap, which has no actor yet. */
export async function insertUser(input: TUserCreate) {
  const existing = await db().user.findUnique({ where: { email: input.email } });
  if (existing) throw conflict("errors.user.emailTaken", { email: input.email });
  return db().user.create({
    data: { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
  });
}

export async function updateUser(actor: TActor, userId: string, update: TUserUpdate, now = new Date()) {
  assertCan(actor, "user:manage");
  const updated = await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound("user");
    const demotesAdmin = user.role === "admin" && ((update.role && update.role !== "admin") || update.disabled === true);
    if (demotesAdmin) {
      const otherAdmins = await tx.user.count({ where: { role: "admin", disabledAt: null, id: { not: userId } } });
      if (otherAdmins === 0) throw unprocessable("errors.user.lastAdmin");
    }
    return tx.user.update({
      where: { id: userId },
      data: {
        ...(update.role ? { role: update.role } : {}),
        ...(update.disabled === undefined ? {} : { disabledAt: update.disabled ? (user.disabledAt ?? now) : null }),
      },
    });
  });
  // Open connections (collaborative editing) re-check what the user may do.
  announceUserAccessChanged({ userId, role: updated.role, disabled: updated.disabledAt !== null });
  return updated;
}

const DAY_MS = 24 * 60 * 60_000;

/** A token for the actor, valid until revoked or, with `expiresInDays`, until then. */
export async function createApiToken(actor: TActor, name: string, expiresInDays?: number, now = new Date()) {
  const { token, tokenHash, prefix } = generateApiToken();
  const expiresAt = expiresInDays === undefined ? null : new Date(now.getTime() + expiresInDays * DAY_MS);
  const record = await db().apiToken.create({
    data: { userId: actor.id, name, tokenHash, prefix, expiresAt },
    select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true },
  });
  return { ...record, token };
}

/** Owners revoke their own tokens; admins anyone's (someone leaving, a token seen in a log). */
export async function revokeApiToken(actor: TActor, tokenId: string, now = new Date()) {
  const token = await db().apiToken.findUnique({ where: { id: tokenId } });
  if (!token || (token.userId !== actor.id && !can(actor.role, "user:manage"))) throw notFound("apiToken");
  if (token.revokedAt) return token;
  return db().apiToken.update({ where: { id: tokenId }, data: { revokedAt: now } });
}

/** The user behind a personal API token, recording when it was last used. An expired token is refused saying so. */
export async function findActorByApiToken(token: string, now = new Date()): Promise<TActor | null> {
  const record = await db().apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, expiresAt: true, user: { select: { ...ACTOR_SELECT, disabledAt: true } } },
  });
  if (!record || record.revokedAt || record.user.disabledAt) return null;
  if (record.expiresAt && record.expiresAt <= now) {
    throw new DomainError(401, "token_expired", "errors.token.expired", { expiredAt: record.expiresAt.toISOString() });
  }
  // Written at most once a minute per token, so scripts polling the API do not write on every call.
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
  }
  const { disabledAt: _disabledAt, ...actor } = record.user;
  return actor;
}

/** The account behind a single sign-on identity, created on first sign-in; null when disabled. */
export async function findOrCreateSsoUser(email: string, name: string, defaultRole: "viewer" | "responder") {
  const normalised = email.toLowerCase();
  const user = await db().user.upsert({
    where: { email: normalised },
    update: {},
    create: { email: normalised, name, role: defaultRole },
    select: { ...ACTOR_SELECT, disabledAt: true },
  });
  return user.disabledAt ? null : user;
}

/** The zone the actor reads times in; null goes back to following their browser's zone. */
export async function setTimeZone(actor: TActor, timeZone: string | null): Promise<void> {
  await db().user.update({ where: { id: actor.id }, data: { timeZone } });
}
