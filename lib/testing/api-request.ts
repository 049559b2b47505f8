import { encode } from "next-auth/jwt";
import { serverEnv } from "@/lib/env/server-env";
import { currentSessionVersion } from "@/lib/users/sessions";

/** A request to a route handler as an API client sends it: JSON body, Bearer token when given. */
export function apiRequest(method: string, path: string, token: string | null, body?: unknown, rawBody?: string): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Request(`http://localhost${path}`, { method, headers, body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)) });
}

/** Route handler params, as Next passes them. */
export const routeParams = <T>(value: T) => ({ params: Promise.resolve(value) });

/**
 * The session cookie next-auth sets when the user signs in (over http, as in the tests): issued at
 * the user's current session version unless another is given.
 */
export async function sessionCookie(userId: string, sessionVersion?: number): Promise<string> {
  const secret = serverEnv().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  const sv = sessionVersion ?? (await currentSessionVersion(userId));
  return `next-auth.session-token=${await encode({ token: { sub: userId, uid: userId, sv }, secret })}`;
}

/** A request as a browser signed in to Firebreak sends it: the session cookie, and the page's origin (`null` for none). */
export function sessionRequest(method: string, path: string, cookie: string, options: { body?: unknown; origin?: string | null } = {}): Request {
  const headers: Record<string, string> = { cookie, host: "localhost", "content-type": "application/json" };
  const origin = options.origin === undefined ? "http://localhost" : options.origin;
  if (origin !== null) headers.origin = origin;
  return new Request(`http://localhost${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
}
