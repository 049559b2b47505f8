import { sessionActorFromCookieHeader } from "./cookie-session";
import type { TActor } from "./permissions";

/**
 * The active user signed in by the request's next-auth session cookie. Only the Cookie header is
 * read: wrapping the request in a NextRequest for getToken would take its body, which the handler
 * still needs.
 */
export async function sessionActorFromRequest(request: Request): Promise<TActor | null> {
  return sessionActorFromCookieHeader(request.headers.get("cookie") ?? undefined);
}
