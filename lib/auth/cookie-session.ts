import { parse } from "cookie";
import { getToken } from "next-auth/jwt";

/**
 * The user id in a next-auth session cookie, from a raw Cookie header: for requests that do not go
 * through Next (the collaboration WebSocket upgrade).
 */
export async function sessionUserIdFromCookieHeader(cookieHeader: string | undefined): Promise<string | null> {
  if (!cookieHeader) return null;
  const cookies = new Map(Object.entries(parse(cookieHeader)).flatMap(([name, value]) => (value === undefined ? [] : [[name, value] as const])));
  // getToken reads only `cookies` and `headers` of the request it is given.
  const token = await getToken({ req: { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"] });
  return typeof token?.uid === "string" ? token.uid : null;
}
