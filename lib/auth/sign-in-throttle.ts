/**
 * Slows password guessing: after MAX_FAILURES wrong passwords for one email within the window,
 * further attempts are refused without checking the password until the window has passed. Kept
 * per app process; with several processes an attacker gets that many times the attempts.
 */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60_000;

type TFailures = { count: number; since: number };

export class SignInThrottle {
  private readonly failures = new Map<string, TFailures>();

  isBlocked(email: string, now = Date.now()): boolean {
    const entry = this.current(email, now);
    return entry !== null && entry.count >= MAX_FAILURES;
  }

  recordFailure(email: string, now = Date.now()) {
    const entry = this.current(email, now) ?? { count: 0, since: now };
    this.failures.set(email.toLowerCase(), { ...entry, count: entry.count + 1 });
  }

  recordSuccess(email: string) {
    this.failures.delete(email.toLowerCase());
  }

  private current(email: string, now: number): TFailures | null {
    const key = email.toLowerCase();
    const entry = this.failures.get(key);
    if (!entry) return null;
    if (now - entry.since > WINDOW_MS) {
      this.failures.delete(key);
      return null;
    }
    return entry;
  }
}
