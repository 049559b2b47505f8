import { expect, it } from "vitest";
import { formatDuration } from "./durations";

it("formats durations the way responders say them", () => {
  expect(formatDuration(30_000)).toBe("< 1 m");
  expect(formatDuration(45 * 60_000)).toBe("45 m");
  expect(formatDuration(125 * 60_000)).toBe("2 h 05 m");
  expect(formatDuration((26 * 60 + 10) * 60_000)).toBe("1 d 2 h");
  expect(formatDuration(-5_000)).toBe("< 1 m");
});
