// A clock set to another instant for the whole process, so that the suite and the demo can be run
// "on" the first minute of a month, the last day of February or a DST change without touching the
// machine's clock. Everything that reads `new Date()` or `Date.now()` — our code, Prisma's defaults,
// next-auth's token expiry — sees the shifted time, which then ticks on normally.

/**
 * `FIREBREAK_CLOCK` is an ISO instant ("the clock reads this now"), or `<ISO instant>@<epoch ms>`
 * ("the clock read this when the machine's clock read that"): the second form is what a shifted
 * process hands to the processes it starts, so that all of them keep one clock.
 */
export type TClockSetting = { reads: number; atRealMs: number };

export class InvalidClockError extends Error {}

export function parseClockSetting(value: string, realNowMs: number): TClockSetting {
  const [instant, anchor, ...rest] = value.split("@");
  const reads = Date.parse(instant ?? "");
  const atRealMs = anchor === undefined ? realNowMs : Number(anchor);
  const isoWithZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(instant ?? "");
  if (rest.length > 0 || !isoWithZone || Number.isNaN(reads) || !Number.isSafeInteger(atRealMs)) {
    throw new InvalidClockError(`FIREBREAK_CLOCK must be an ISO 8601 instant with a zone, e.g. 2027-03-01T00:00:30Z (got "${value}")`);
  }
  return { reads, atRealMs };
}

export const formatClockSetting = (setting: TClockSetting) => `${new Date(setting.reads).toISOString()}@${setting.atRealMs}`;

/** Replaces the global Date with one `offsetMs` ahead (or behind); returns a function that restores it. */
export function shiftGlobalClock(offsetMs: number): () => void {
  const RealDate = globalThis.Date;
  const now = () => RealDate.now() + offsetMs;
  // A proxy rather than a subclass: dates stay plain Dates (instanceof, Prisma, JSON), and `Date()`
  // called without `new` keeps working.
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
    apply: () => new RealDate(now()).toString(),
    get: (target, property, receiver) => (property === "now" ? now : Reflect.get(target, property, receiver)),
  });
  return () => {
    globalThis.Date = RealDate;
  };
}

/**
 * Applies `FIREBREAK_CLOCK` from the environment, once per process, and rewrites it in its anchored
 * form so that child processes share the same clock. Returns the instant the clock was set to.
 */
// eslint-disable-next-line no-restricted-properties -- run by the launcher and test set-ups before any setting is read; it writes the variable back for child processes
export function installClockFromEnv(env: Record<string, string | undefined> = process.env): Date | null {
  const value = env.FIREBREAK_CLOCK;
  if (!value || (globalThis as { __firebreakClock?: boolean }).__firebreakClock) return null;
  const realNowMs = Date.now();
  const setting = parseClockSetting(value, realNowMs);
  shiftGlobalClock(setting.reads - setting.atRealMs);
  (globalThis as { __firebreakClock?: boolean }).__firebreakClock = true;
  env.FIREBREAK_CLOCK = formatClockSetting(setting);
  return new Date(setting.reads + (realNowMs - setting.atRealMs));
}
