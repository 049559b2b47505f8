import { describe, expect, it } from "vitest";
import { effectiveBurnRateFactors } from "./rules";
import { sliDataStart, sloWindowRange, windowEndAt } from "./windows";

describe("where windows end", () => {
  it("ends at the last complete minute, not after the minute still going on", () => {
    expect(windowEndAt(new Date("2026-12-02T10:00:30Z")).toISOString()).toBe("2026-12-02T10:00:00.000Z");
    expect(windowEndAt(new Date("2026-12-02T10:00:00Z")).toISOString()).toBe("2026-12-02T10:00:00.000Z");
    expect(windowEndAt(new Date("2026-12-02T10:00:59.999Z")).toISOString()).toBe("2026-12-02T10:00:00.000Z");
  });

  it("in the first minute of a month, reads the month that just ended (its last minute is the last complete one)", () => {
    const range = sloWindowRange("calendar_month", "UTC", windowEndAt(new Date("2026-12-01T00:00:30Z")));
    expect(range.start.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(range.end.toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });
});

describe("calendar-month SLOs", () => {
  const secondOfDecember = windowEndAt(new Date("2026-12-02T10:00:00Z"));

  it("need data from 7 days back early in the month, so burn rates read their whole length", () => {
    expect(sloWindowRange("calendar_month", "UTC", secondOfDecember).start.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(sliDataStart("calendar_month", "UTC", secondOfDecember).toISOString()).toBe("2026-11-25T10:00:00.000Z");
    expect(sliDataStart("calendar_month", "Asia/Tokyo", new Date("2026-12-20T00:00:00Z")).toISOString()).toBe("2026-11-30T15:00:00.000Z");
    expect(sliDataStart("rolling_28d", "UTC", secondOfDecember).toISOString()).toBe("2026-11-04T10:00:00.000Z");
    expect(sliDataStart("rolling_7d", "UTC", secondOfDecember).toISOString()).toBe("2026-11-25T10:00:00.000Z");
  });

  it("scale the default factors to the month being evaluated: 31, 30 and 28 days", () => {
    const factorsAt = (iso: string) => effectiveBurnRateFactors([], sloWindowRange("calendar_month", "UTC", new Date(iso)).lengthMs);
    expect(factorsAt("2026-12-02T10:00:00Z")).toEqual([14.88, 6.2, 3.1, 1.03]);
    expect(factorsAt("2026-11-15T10:00:00Z")).toEqual([14.4, 6, 3, 1]);
    expect(factorsAt("2027-02-28T23:59:00Z")).toEqual([13.44, 5.6, 2.8, 0.93]);
  });
});
