import { EventEmitter } from "node:events";
import type { OrgRole } from "@/lib/generated/prisma/enums";

/** A user's access as it is now, after an admin changed their role or disabled or re-enabled them. */
export type TUserAccessChange = { userId: string; role: OrgRole; disabled: boolean };

const ACCESS_CHANGED = "access-changed";

// server.ts and Next's server bundle each load their own copy of this module; the emitter lives on
// globalThis so that a change made through a page or the API reaches the collaboration server.
// In-process only: another app process hears of the change when its sockets reconnect.
const globalForUserEvents = globalThis as unknown as { firebreakUserEvents?: EventEmitter };
const emitter = () => (globalForUserEvents.firebreakUserEvents ??= new EventEmitter().setMaxListeners(0));

/** Called by the users service once a change is committed. */
export function announceUserAccessChanged(change: TUserAccessChange): void {
  emitter().emit(ACCESS_CHANGED, change);
}

/** Listens to access changes (live connections re-check what they allow); returns the way to stop. */
export function onUserAccessChanged(listener: (change: TUserAccessChange) => void): () => void {
  emitter().on(ACCESS_CHANGED, listener);
  return () => emitter().off(ACCESS_CHANGED, listener);
}
