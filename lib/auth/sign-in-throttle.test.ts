import { expect, it } from "vitest";
import { afterFailure, FORGET_AFTER_MS, FREE_FAILURES, MAX_WAIT_MS, waitBeforeNextAttemptMs, type TSignInFailures } from "./sign-in-throttle";

const start = new Date("2026-12-02T10:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);

function failTimes(count: number, now: Date): TSignInFailures | null {
  let state: TSignInFailures | null = null;
  for (let attempt = 0; attempt < count; attempt++) state = afterFailure(state, now);
  return state;
}

it("lets the first wrong passwords through without a wait", () => {
  expect(waitBeforeNextAttemptMs(null, start)).toBe(0);
  expect(waitBeforeNextAttemptMs(failTimes(FREE_FAILURES, start), start)).toBe(0);
});

it("doubles the wait with each further wrong password, up to the cap", () => {
  expect(waitBeforeNextAttemptMs(failTimes(FREE_FAILURES + 1, start), start)).toBe(1_000);
  expect(waitBeforeNextAttemptMs(failTimes(FREE_FAILURES + 2, start), start)).toBe(2_000);
  expect(waitBeforeNextAttemptMs(failTimes(FREE_FAILURES + 4, start), start)).toBe(8_000);
  expect(waitBeforeNextAttemptMs(failTimes(FREE_FAILURES + 30, start), start)).toBe(MAX_WAIT_MS);
  // The wait passes with time.
  expect(waitBeforeNextAttemptMs(failTimes(FREE_FAILURES + 2, start), at(1_500))).toBe(500);
  expect(waitBeforeNextAttemptMs(failTimes(FREE_FAILURES + 2, start), at(2_000))).toBe(0);
});

it("forgets failures a day after the last one", () => {
  const state = failTimes(FREE_FAILURES + 30, start);
  expect(waitBeforeNextAttemptMs(state, at(FORGET_AFTER_MS + 1))).toBe(0);
  expect(afterFailure(state, at(FORGET_AFTER_MS + 1)).failures).toBe(1);
});
