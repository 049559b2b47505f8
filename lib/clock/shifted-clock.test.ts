import { afterEach, describe, expect, it } from "vitest";
import { formatClockSetting, installClockFromEnv, InvalidClockError, parseClockSetting, shiftGlobalClock } from "./shifted-clock";

// The Date in force when the tests start: under FIREBREAK_CLOCK the suite's own shifted clock.
const RealDate = Date;
const clockFlag = globalThis as { __firebreakClock?: boolean };
const installedBySuite = clockFlag.__firebreakClock;
let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
  globalThis.Date = RealDate;
  clockFlag.__firebreakClock = installedBySuite;
});

describe("FIREBREAK_CLOCK", () => {
  it("reads an instant as 'the clock reads this now' and an anchored one as given", () => {
    expect(parseClockSetting("2027-03-01T00:00:30Z", 1_000)).toEqual({ reads: Date.UTC(2027, 2, 1, 0, 0, 30), atRealMs: 1_000 });
    expect(parseClockSetting("2027-03-01T09:00:30+09:00@42", 1_000)).toEqual({ reads: Date.UTC(2027, 2, 1, 0, 0, 30), atRealMs: 42 });
    expect(formatClockSetting({ reads: Date.UTC(2027, 2, 1, 0, 0, 30), atRealMs: 42 })).toBe("2027-03-01T00:00:30.000Z@42");
  });

  it("refuses anything but an ISO instant with a zone", () => {
    for (const value of ["tomorrow", "2027-03-01", "2027-03-01T00:00:30", "2027-03-01T00:00:30Z@soon", "2027-03-01T00:00:30Z@1@2"]) {
      expect(() => parseClockSetting(value, 0)).toThrow(InvalidClockError);
    }
  });
});

describe("shiftGlobalClock", () => {
  it("moves new Date() and Date.now() by the offset while dates stay plain Dates", () => {
    const before = RealDate.now();
    restore = shiftGlobalClock(86_400_000);
    const shifted = new Date();
    expect(shifted.getTime() - before).toBeGreaterThanOrEqual(86_400_000);
    expect(Date.now() - before).toBeGreaterThanOrEqual(86_400_000);
    expect(shifted).toBeInstanceOf(RealDate);
    expect(new RealDate(0)).toBeInstanceOf(Date);
    expect(new Date(0).toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(new Date(2027, 1, 28).getDate()).toBe(28);
    expect(Date.UTC(2027, 1, 28)).toBe(RealDate.UTC(2027, 1, 28));
    expect(typeof (Date as unknown as () => string)()).toBe("string");
    restore();
    restore = null;
    expect(Math.abs(Date.now() - RealDate.now())).toBeLessThan(1_000);
  });

  it("installs from the environment once and hands children the anchored setting", () => {
    clockFlag.__firebreakClock = undefined;
    const env: Record<string, string | undefined> = { FIREBREAK_CLOCK: "2027-03-01T00:00:30Z" };
    const setTo = installClockFromEnv(env);
    expect(setTo?.toISOString().slice(0, 19)).toBe("2027-03-01T00:00:30");
    expect(new Date().toISOString().slice(0, 16)).toBe("2027-03-01T00:00");
    expect(env.FIREBREAK_CLOCK).toMatch(/^2027-03-01T00:00:30\.000Z@\d+$/);
    // A child process started later with the anchored value reads the same clock, not a restarted one.
    const child = parseClockSetting(env.FIREBREAK_CLOCK as string, RealDate.now() + 5_000);
    expect(child.reads - child.atRealMs).toBe(Date.UTC(2027, 2, 1, 0, 0, 30) - child.atRealMs);
    expect(installClockFromEnv({ FIREBREAK_CLOCK: "2030-01-01T00:00:00Z" })).toBeNull();
  });
});
