import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { FIRST_SESSION_VERSION, findSessionActor } from "@/lib/users/sessions";
import { authOptions } from "./options";
import { can, type TActor, type TPermission } from "./permissions";

/** The signed-in, active user behind the browser session, or null (also when that session was ended). */
export async function sessionActor(): Promise<TActor | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as { id?: string; sessionVersion?: number } | undefined;
  return user?.id ? findSessionActor(user.id, user.sessionVersion ?? FIRST_SESSION_VERSION) : null;
}

/** For pages: the signed-in user, or a redirect to sign in. */
export async function requireUser(): Promise<TActor> {
  const actor = await sessionActor();
  if (!actor) redirect("/signin");
  return actor;
}

/** For pages that only some roles may see. */
export async function requirePermission(permission: TPermission): Promise<TActor> {
  const actor = await requireUser();
  if (!can(actor.role, permission)) redirect("/forbidden");
  return actor;
}
