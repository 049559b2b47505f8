import { describe, expect, it } from "vitest";
import { formatDuration, formatDurationIn, formatWindow, formatWindowIn } from "./durations";

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
    expect(formatDurationIn("ja", 90_000)).toBe("1分");
    expect(formatDurationIn("ja", 2 * 3_600_000 + 5 * 60_000)).toBe("2時間5分");
    expect(formatDurationIn("ja", 100 * 60_000)).toBe("1時間40分");
    expect(formatDurationIn("ja", 26 * 3_600_000)).toBe("1日2時間");
    expect(formatDurationIn("ja", 5 * 3_600_000)).toBe("5時間");
    expect(formatDurationIn("ja", 48 * 3_600_000)).toBe("2日");
    expect(formatDurationIn("ja", 10_000)).toBe("1分未満");
    expect(formatDurationIn("en", 2 * 3_600_000 + 5 * 60_000)).toBe("2 h 05 m");
  });

  it("names burn-rate windows in Japanese units", () => {
    expect([5 * 60_000, 3_600_000, 86_400_000].map((window) => formatWindowIn("ja", window))).toEqual(["5分", "1時間", "1日"]);
    expect(formatWindowIn("en", 6 * 3_600_000)).toBe("6 h");
  });
});
