import { parse } from "cookie";
import { getToken } from "next-auth/jwt";
import { serverEnv } from "@/lib/env/server-env";
import { findSessionActor } from "@/lib/users/sessions";
import type { TActor } from "./permissions";
import { sessionClaims, type TSessionClaims } from "./session-claims";

/** The claims of a next-auth session cookie, from a raw Cookie header; null without a valid cookie. */
async function sessionClaimsFromCookieHeader(cookieHeader: string | undefined): Promise<TSessionClaims | null> {
  if (!cookieHeader) return null;
  const cookies = new Map(Object.entries(parse(cookieHeader)).flatMap(([name, value]) => (value === undefined ? [] : [[name, value] as const])));
  // getToken reads only `cookies` and `headers` of the request it is given.
  return sessionClaims(
    await getToken({ req: { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"], secret: serverEnv().NEXTAUTH_SECRET }),
  );
}

/**
 * The active user signed in by the session cookie in a raw Cookie header; null when there is none,
 * or its session was ended (signed out, role or password changed, account disabled).
 */
export async function sessionActorFromCookieHeader(cookieHeader: string | undefined): Promise<TActor | null> {
  const claims = await sessionClaimsFromCookieHeader(cookieHeader);
  return claims ? findSessionActor(claims.userId, claims.sessionVersion) : null;
}

/** The user id of a session cookie that is still current: for requests that do not go through Next (the collaboration WebSocket upgrade). */
export async function sessionUserIdFromCookieHeader(cookieHeader: string | undefined): Promise<string | null> {
  return (await sessionActorFromCookieHeader(cookieHeader))?.id ?? null;
}
