import { decode, encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as meRoute } from "@/app/api/me/route";
import { PATCH as updateUserRoute } from "@/app/api/users/[id]/route";
import { sessionUserIdFromCookieHeader } from "@/lib/auth/cookie-session";
import { authOptions } from "@/lib/auth/options";
import { hashPassword } from "@/lib/auth/password";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { serverEnv } from "@/lib/env/server-env";
import { apiRequest, routeParams, sessionCookie, sessionRequest } from "@/lib/testing/api-request";
import { createTestUser, createTestUserWithToken } from "@/lib/testing/factories";

// Sessions are next-auth JWTs: a copy of the cookie works wherever it is sent, until the session is ended.
let admin: Awaited<ReturnType<typeof createTestUserWithToken>>;

beforeAll(async () => {
  admin = await createTestUserWithToken("admin");
});

const noParams = routeParams({} as Record<string, never>);
const me = (cookie: string) => meRoute(sessionRequest("GET", "/api/me", cookie), noParams);

/** What next-auth does when the browser holding this cookie signs out: it calls the signOut event with the decoded cookie. */
async function signOut(cookie: string) {
  const token = await decode({ token: cookie.replace(/^next-auth\.session-token=/, ""), secret: serverEnv().NEXTAUTH_SECRET as string });
  await authOptions().events?.signOut?.({ token: token ?? {}, session: undefined as never });
}

async function updateUser(user: TActor, update: Record<string, unknown>) {
  const response = await updateUserRoute(apiRequest("PATCH", `/api/users/${user.id}`, admin.token, update), routeParams({ id: user.id }));
  expect(response.status).toBe(200);
}

async function expectEnded(cookie: string) {
  const response = await me(cookie);
  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({ error: "unauthenticated" });
  // The collaboration WebSocket reads the same cookie.
  expect(await sessionUserIdFromCookieHeader(cookie)).toBeNull();
}

describe("signing out", () => {
  it("ends the session for every copy of its cookie", async () => {
    const user = await createTestUser("responder");
    const cookie = await sessionCookie(user.id);
    const copied = `${cookie}`;
    expect((await me(cookie)).status).toBe(200);
    expect(await sessionUserIdFromCookieHeader(copied)).toBe(user.id);

    await signOut(cookie);

    await expectEnded(copied);
    // Signing in again issues a session that works.
    const fresh = await sessionCookie(user.id);
    expect(await (await me(fresh)).json()).toMatchObject({ id: user.id });
  });

  it("with an already ended cookie does not end the newer sessions", async () => {
    const user = await createTestUser("viewer");
    const old = await sessionCookie(user.id);
    await signOut(old);
    const current = await sessionCookie(user.id);
    await signOut(old);
    expect((await me(current)).status).toBe(200);
  });
});

describe("account changes end sessions", () => {
  it("disabling a user ends their sessions, and enabling them again does not bring those back", async () => {
    const user = await createTestUser("responder");
    const cookie = await sessionCookie(user.id);
    expect((await me(cookie)).status).toBe(200);

    await updateUser(user, { disabled: true });
    await expectEnded(cookie);
    // A disabled account is refused even with a session issued after it was disabled.
    await expectEnded(await sessionCookie(user.id));

    await updateUser(user, { disabled: false });
    await expectEnded(cookie);
    expect((await me(await sessionCookie(user.id))).status).toBe(200);
  });

  it("changing a user's role ends their sessions; a new one has the new role", async () => {
    const user = await createTestUser("responder");
    const cookie = await sessionCookie(user.id);
    await updateUser(user, { role: "viewer" });
    await expectEnded(cookie);
    expect(await (await me(await sessionCookie(user.id))).json()).toMatchObject({ id: user.id, role: "viewer" });
  });

  it("saving the same role keeps the sessions", async () => {
    const user = await createTestUser("viewer");
    const cookie = await sessionCookie(user.id);
    await updateUser(user, { role: "viewer" });
    expect((await me(cookie)).status).toBe(200);
  });

  it("a new password ends the sessions, whoever writes it", async () => {
    const user = await createTestUser("responder");
    const cookie = await sessionCookie(user.id);
    await db().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword("a brand new password") } });
    await expectEnded(cookie);
  });

  it("a cookie issued before session versions existed works until the first change", async () => {
    const user = await createTestUser("responder");
    const legacy = `next-auth.session-token=${await encode({ token: { sub: user.id, uid: user.id }, secret: serverEnv().NEXTAUTH_SECRET as string })}`;
    expect((await me(legacy)).status).toBe(200);
    await updateUser(user, { role: "viewer" });
    await expectEnded(legacy);
  });
});
