import { EventEmitter } from "node:events";
import { db } from "@/lib/db/prisma";
import type { OrgRole } from "@/lib/generated/prisma/enums";

/** A user's access as it is now, after an admin changed their role or disabled or re-enabled them. */
export type TUserAccessChange = { userId: string; role: OrgRole; disabled: boolean };

const ACCESS_CHANGED = "access-changed";
/** The PostgreSQL channel that carries access changes to the other app processes' collaboration servers. */
export const USER_ACCESS_CHANNEL = "firebreak_user_access";

// server.ts and Next's server bundle each load their own copy of this module; the emitter lives on
// globalThis so that a change made through a page or the API reaches the collaboration server.
// Other app processes hear of it through PostgreSQL (NOTIFY on USER_ACCESS_CHANNEL); applying a
// change twice (here and from the notification) does nothing more than once.
const globalForUserEvents = globalThis as unknown as { firebreakUserEvents?: EventEmitter };
const emitter = () => (globalForUserEvents.firebreakUserEvents ??= new EventEmitter().setMaxListeners(0));

/** Called by the users service once a change is committed. */
export function announceUserAccessChanged(change: TUserAccessChange): void {
  emitter().emit(ACCESS_CHANGED, change);
  void db()
    .$executeRaw`SELECT pg_notify(${USER_ACCESS_CHANNEL}, ${JSON.stringify(change)})`
    .catch((error: unknown) => console.warn(`[users] other processes were not told of an access change: ${error instanceof Error ? error.message : String(error)}`));
}

/** Listens to access changes (live connections re-check what they allow); returns the way to stop. */
export function onUserAccessChanged(listener: (change: TUserAccessChange) => void): () => void {
  emitter().on(ACCESS_CHANGED, listener);
  return () => emitter().off(ACCESS_CHANGED, listener);
}
