import { NextResponse, type NextRequest } from "next/server";
import { serverEnv } from "@/lib/env/server-env";
import { contentSecurityPolicy, PERMISSIONS_POLICY, strictTransportSecurity } from "@/lib/http/security-headers";

function hasNulCharacter(url: URL): boolean {
  try {
    return decodeURIComponent(url.pathname).includes("\0") || [...url.searchParams].some(([name, value]) => `${name}${value}`.includes("\0"));
  } catch {
    // A malformed %-escape: Next answers it itself.
    return false;
  }
}

/**
 * Pages get a fresh CSP nonce per request: Next reads it from the request's Content-Security-Policy
 * header and puts it on the inline scripts it renders.
 */
export function proxy(request: NextRequest) {
  // PostgreSQL refuses NUL in text: a page id or filter holding one is refused here, not in a query.
  if (hasNulCharacter(request.nextUrl)) return new NextResponse("Bad request: the address contains a NUL character.", { status: 400 });
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const env = serverEnv();
  const policy = contentSecurityPolicy(nonce, env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("Permissions-Policy", PERMISSIONS_POLICY);
  const hsts = strictTransportSecurity(env.NEXTAUTH_URL);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export const config = {
  // Pages only: API responses are JSON or streams, and static files carry no inline script.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|icon.svg).*)", missing: [{ type: "header", key: "next-router-prefetch" }] }],
};
