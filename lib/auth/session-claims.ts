import type { JWT } from "next-auth/jwt";
import { FIRST_SESSION_VERSION } from "@/lib/users/sessions";

/** What Firebreak puts in a session cookie: the user, and the session version it was issued at. */
export type TSessionClaims = { userId: string; sessionVersion: number };

export function sessionClaims(token: JWT | null | undefined): TSessionClaims | null {
  if (typeof token?.uid !== "string") return null;
  return { userId: token.uid, sessionVersion: typeof token.sv === "number" ? token.sv : FIRST_SESSION_VERSION };
}
