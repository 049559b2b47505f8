import { expect, it } from "vitest";
import { MAX_FAILURES, SignInThrottle, WINDOW_MS } from "./sign-in-throttle";

it("blocks an email after repeated wrong passwords, for the rest of the window", () => {
  const throttle = new SignInThrottle();
  const start = 1_000_000;
  for (let attempt = 0; attempt < MAX_FAILURES - 1; attempt++) throttle.recordFailure("Ben@Example.com", start);
  expect(throttle.isBlocked("ben@example.com", start)).toBe(false);
  throttle.recordFailure("ben@example.com", start);
  expect(throttle.isBlocked("ben@example.com", start + 1)).toBe(true);
  expect(throttle.isBlocked("chen@example.com", start + 1)).toBe(false);
  expect(throttle.isBlocked("ben@example.com", start + WINDOW_MS + 1)).toBe(false);
});

it("forgets failures after a successful sign-in", () => {
  const throttle = new SignInThrottle();
  for (let attempt = 0; attempt < MAX_FAILURES; attempt++) throttle.recordFailure("ben@example.com", 0);
  throttle.recordSuccess("ben@example.com");
  expect(throttle.isBlocked("ben@example.com", 1)).toBe(false);
});
