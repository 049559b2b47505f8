import { describe, expect, it } from "vitest";
import { formatDuration, formatDurationIn, formatWindow } from "./durations";

it("formats durations the way responders say them", () => {
  expect(formatDuration(30_000)).toBe("< 1 m");
  expect(formatDuration(45 * 60_000)).toBe("45 m");
  expect(formatDuration(125 * 60_000)).toBe("2 h 05 m");
  expect(formatDuration((26 * 60 + 10) * 60_000)).toBe("1 d 2 h");
  expect(formatDuration(-5_000)).toBe("< 1 m");
});

describe("window lengths", () => {
  it("names a window in its largest whole unit", () => {
    expect(formatWindow(5 * 60_000)).toBe("5 m");
    expect(formatWindow(6 * 3_600_000)).toBe("6 h");
    expect(formatWindow(3 * 86_400_000)).toBe("3 d");
    expect(formatWindow(90 * 60_000)).toBe("90 m");
  });
});

describe("durations in the reader's language", () => {
  it("reads the same figures in Japanese units, and English unchanged", () => {
    expect(formatDurationIn("ja", 90_000)).toBe("1 分");
    expect(formatDurationIn("ja", 2 * 3_600_000 + 5 * 60_000)).toBe("2 時間 05 分");
    expect(formatDurationIn("ja", 26 * 3_600_000)).toBe("1 日 2 時間");
    expect(formatDurationIn("ja", 10_000)).toBe("1 分未満");
    expect(formatDurationIn("en", 2 * 3_600_000 + 5 * 60_000)).toBe("2 h 05 m");
  });
});
