/**
 * Password guessing is slowed per (email, client address): the first FREE_FAILURES wrong passwords
 * cost nothing, each one after that makes that client wait twice as long as the last (1 s, 2 s, 4 s …
 * up to MAX_WAIT_MS). Keyed by client, so failures from elsewhere never lock the account's owner
 * out; failures are forgotten after FORGET_AFTER_MS without one.
 */
export const FREE_FAILURES = 5;
/** The error a throttled sign-in answers with (next-auth passes it to the form), followed by the seconds to wait. */
export const SIGN_IN_THROTTLED = "throttled:";
export const MAX_WAIT_MS = 15 * 60_000;
export const FORGET_AFTER_MS = 24 * 60 * 60_000;

export type TSignInFailures = { failures: number; lastFailureAt: Date; blockedUntil: Date };

/** Failures still remembered at `now`; null when there are none (or they were forgotten). */
export function rememberedFailures(state: TSignInFailures | null, now: Date): TSignInFailures | null {
  if (!state || now.getTime() - state.lastFailureAt.getTime() > FORGET_AFTER_MS) return null;
  return state;
}

/** How long this client must still wait before its next attempt is even checked; 0 when it may try now. */
export function waitBeforeNextAttemptMs(state: TSignInFailures | null, now: Date): number {
  const remembered = rememberedFailures(state, now);
  return remembered ? Math.max(0, remembered.blockedUntil.getTime() - now.getTime()) : 0;
}

/** The state after one more wrong password at `now`. */
export function afterFailure(state: TSignInFailures | null, now: Date): TSignInFailures {
  const failures = (rememberedFailures(state, now)?.failures ?? 0) + 1;
  const beyondFree = failures - FREE_FAILURES;
  const waitMs = beyondFree > 0 ? Math.min(MAX_WAIT_MS, 1_000 * 2 ** (beyondFree - 1)) : 0;
  return { failures, lastFailureAt: now, blockedUntil: new Date(now.getTime() + waitMs) };
}
