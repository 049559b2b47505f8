import { getToken } from "next-auth/jwt";
import { NextRequest } from "next/server";

/** The user id in the request's next-auth session cookie, read from the request itself. */
export async function sessionUserIdFromRequest(request: Request): Promise<string | null> {
  const token = await getToken({ req: new NextRequest(request) });
  return typeof token?.uid === "string" ? token.uid : null;
}
