import { createHash, randomBytes } from "node:crypto";

const MINUTE_MS = 60_000;
const TOKEN_PREFIX = "fbh_";

export type THeartbeatTiming = { intervalMinutes: number; graceMinutes: number; lastPingAt: Date | null };

/**
 * `waiting`: never called yet, so it cannot be late (a heartbeat being set up does not page anyone);
 * `up`: called within its interval and grace; `late`: the calls stopped, its alert should be firing.
 */
export type THeartbeatState = "waiting" | "up" | "late";

/** The instant after which a heartbeat called at `calledAt` and not again is late. */
export function deadlineAfterCall({ intervalMinutes, graceMinutes }: Omit<THeartbeatTiming, "lastPingAt">, calledAt: Date): Date {
  return new Date(calledAt.getTime() + (intervalMinutes + graceMinutes) * MINUTE_MS);
}

/** When the heartbeat becomes late if it is not called again; null while waiting for its first call. */
export function heartbeatDeadline(timing: THeartbeatTiming): Date | null {
  return timing.lastPingAt ? deadlineAfterCall(timing, timing.lastPingAt) : null;
}

export function heartbeatState(timing: THeartbeatTiming, now: Date): THeartbeatState {
  const deadline = heartbeatDeadline(timing);
  if (!deadline) return "waiting";
  return now.getTime() > deadline.getTime() ? "late" : "up";
}

/** What the alert path must hear about a heartbeat now, given what it last heard; null when nothing changed. */
export function heartbeatAlertChange(timing: THeartbeatTiming & { alertFiring: boolean }, now: Date): "firing" | "resolved" | null {
  const shouldFire = heartbeatState(timing, now) === "late";
  if (shouldFire === timing.alertFiring) return null;
  return shouldFire ? "firing" : "resolved";
}

/** A new ping URL secret: shown once; only its hash is stored. */
export function generateHeartbeatToken(): { token: string; tokenHash: string; tokenPrefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
  return { token, tokenHash: hashHeartbeatToken(token), tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

export function hashHeartbeatToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Cheap shape check before any database work: anything else is an unknown heartbeat. */
export function looksLikeHeartbeatToken(token: string): boolean {
  return /^fbh_[A-Za-z0-9_-]{32}$/.test(token);
}
