import { DomainError } from "@/lib/errors";
import { recordLiveStreamClosed, recordLiveStreamOpened } from "@/lib/metrics/record";

/**
 * How many live streams (SSE) one user may hold open in one app process. Every open stream holds
 * a connection, timers and a bus subscription: a thousand from one token slowed every other request
 * to 3 s. A person needs one per open tab; twenty leaves room for a wall of dashboards.
 */
export const MAX_LIVE_STREAMS_PER_USER = 20;
/** Streams end within FIREBREAK_STREAM_MAX_SECONDS (5 minutes) and when a tab closes; a slot is soon free. */
export const LIVE_STREAM_RETRY_AFTER_SECONDS = 30;

export type TStreamSlot = { release(): void };

// Kept on globalThis: both events routes must count against the same slots, however Next bundles them.
const globalForSlots = globalThis as unknown as { firebreakLiveStreams?: Map<string, number> };
const openStreams = () => (globalForSlots.firebreakLiveStreams ??= new Map());

/** One of the user's live-stream slots, held until released (once, however often called); a 429 when all are taken. */
export function claimLiveStreamSlot(userId: string): TStreamSlot {
  const streams = openStreams();
  const open = streams.get(userId) ?? 0;
  if (open >= MAX_LIVE_STREAMS_PER_USER) {
    throw new DomainError(
      429,
      "too_many_streams",
      "errors.live.tooManyStreams",
      { max: MAX_LIVE_STREAMS_PER_USER },
      { retryAfterSeconds: LIVE_STREAM_RETRY_AFTER_SECONDS },
    );
  }
  streams.set(userId, open + 1);
  recordLiveStreamOpened();
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      recordLiveStreamClosed();
      const left = (streams.get(userId) ?? 1) - 1;
      if (left > 0) streams.set(userId, left);
      else streams.delete(userId);
    },
  };
}
