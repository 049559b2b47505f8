import { describe, expect, it } from "vitest";
import { sliMinutesFromSeries } from "./prometheus";

const minute = (index: number) => Date.UTC(2026, 10, 24, 12, index);

describe("minute buckets from Prometheus series", () => {
  it("rounds extrapolated counts, keeps good within [0, total] and treats a missing good series as none good", () => {
    const good = new Map([
      [minute(0), 98.6],
      [minute(1), 120.2],
      [minute(3), -0.4],
    ]);
    const total = new Map([
      [minute(1), 100.4],
      [minute(0), 99.5],
      [minute(2), 50],
      [minute(3), 10],
    ]);
    expect(sliMinutesFromSeries(good, total)).toEqual([
      { minute: new Date(minute(0)), good: 99, total: 100 },
      { minute: new Date(minute(1)), good: 100, total: 100 },
      { minute: new Date(minute(2)), good: 0, total: 50 },
      { minute: new Date(minute(3)), good: 0, total: 10 },
    ]);
  });

  it("has no bucket for a minute without a total", () => {
    expect(sliMinutesFromSeries(new Map([[minute(0), 5]]), new Map())).toEqual([]);
  });
});
