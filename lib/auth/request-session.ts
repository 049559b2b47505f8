import { sessionUserIdFromCookieHeader } from "./cookie-session";

/**
 * The user id in the request's next-auth session cookie. Only the Cookie header is read: wrapping
 * the request in a NextRequest for getToken would take its body, which the handler still needs.
 */
export async function sessionUserIdFromRequest(request: Request): Promise<string | null> {
  return sessionUserIdFromCookieHeader(request.headers.get("cookie") ?? undefined);
}
