import type { TUrgency } from "./schema";

/** A user's rule: notify by this contact method this many minutes after the notification started. */
export type TRule = { id: string; contactMethodId: string; urgency: TUrgency; delayMinutes: number };

/** The rules already tried for one notification, and whether each reached its method. */
export type TTried = ReadonlyMap<string, boolean>;

const MINUTE_MS = 60_000;

/** The rules of one urgency in the order they fall due (ties in a stable order). */
export function rulesForUrgency(rules: readonly TRule[], urgency: TUrgency): TRule[] {
  return rules.filter((rule) => rule.urgency === urgency).sort((a, b) => a.delayMinutes - b.delayMinutes || a.id.localeCompare(b.id));
}

/**
 * Which rules to send now, `elapsedMs` after the notification started:
 * - every rule not yet tried whose delay has passed;
 * - and, when rules were tried and none reached its method (a channel down, a stale push
 *   subscription), the next untried rule at once instead of at its time: a failing channel falls
 *   through to the next rule rather than leaving the person unreached until then.
 */
export function dueRules(rules: readonly TRule[], urgency: TUrgency, elapsedMs: number, tried: TTried): TRule[] {
  const pending = rulesForUrgency(rules, urgency).filter((rule) => !tried.has(rule.id));
  const dueByTime = pending.filter((rule) => rule.delayMinutes * MINUTE_MS <= elapsedMs);
  if (dueByTime.length > 0) return dueByTime;
  const reachedSomeone = [...tried.values()].some(Boolean);
  if (tried.size > 0 && !reachedSomeone && pending.length > 0) {
    const next = pending[0] as TRule;
    return pending.filter((rule) => rule.delayMinutes === next.delayMinutes);
  }
  return [];
}

/** When the next untried rule falls due, in ms after the start; null when every rule was tried. */
export function nextDueOffsetMs(rules: readonly TRule[], urgency: TUrgency, tried: TTried): number | null {
  const next = rulesForUrgency(rules, urgency).find((rule) => !tried.has(rule.id));
  return next ? next.delayMinutes * MINUTE_MS : null;
}

/** Web Push's Urgency header and ntfy's priority (1–5) for a notification's urgency. */
export const PUSH_URGENCY: Record<TUrgency, "high" | "normal"> = { high: "high", low: "normal" };
export const NTFY_PRIORITY: Record<TUrgency, 5 | 3> = { high: 5, low: 3 };

/** Whether an HTTP status means the receiver took the message. */
export const isSuccessStatus = (status: number) => status >= 200 && status < 300;

/** Test notifications a person may send in a window: enough to try every method, too few to flood a phone. */
export const TEST_LIMIT = { count: 5, windowMs: 10 * 60_000 } as const;

/** Seconds until another test may go, given the times of the tests sent inside the window (oldest first); null when one may go now. */
export function testRetryAfterSeconds(recentTests: Date[], now: Date): number | null {
  if (recentTests.length < TEST_LIMIT.count) return null;
  const freesAt = (recentTests[recentTests.length - TEST_LIMIT.count] as Date).getTime() + TEST_LIMIT.windowMs;
  return Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000));
}
