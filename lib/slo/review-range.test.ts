import { describe, expect, it } from "vitest";
import { rangeDates, sprintRange, ZSprintReviewQuery, ZSprintReviewRange } from "./review-range";

const now = new Date("2026-11-24T15:30:00Z");

describe("the sprint under review", () => {
  it("defaults to the last two weeks up to now", () => {
    expect(sprintRange({}, now)).toEqual({ from: new Date("2026-11-10T15:30:00Z"), to: now });
    expect(sprintRange({ weeks: 3 }, now).from).toEqual(new Date("2026-11-03T15:30:00Z"));
  });

  it("takes UTC dates with the end date inclusive, never past now", () => {
    expect(sprintRange({ from: "2026-11-02", to: "2026-11-15" }, now)).toEqual({
      from: new Date("2026-11-02T00:00:00Z"),
      to: new Date("2026-11-16T00:00:00Z"),
    });
    expect(sprintRange({ from: "2026-11-20", to: "2026-11-30" }, now).to).toEqual(now);
    expect(rangeDates({ from: new Date("2026-11-02T00:00:00Z"), to: new Date("2026-11-16T00:00:00Z") })).toEqual({ from: "2026-11-02", to: "2026-11-15" });
  });

  it("refuses backwards, future-only, oversized and half-given ranges", () => {
    expect(() => sprintRange({ from: "2026-11-15", to: "2026-11-01" }, now)).toThrow(/before to/);
    expect(() => sprintRange({ from: "2026-12-01", to: "2026-12-14" }, now)).toThrow(/before to/);
    expect(() => sprintRange({ from: "2024-01-01", to: "2026-11-01" }, now)).toThrow(/at most 366 days/);
    expect(ZSprintReviewQuery.safeParse({ from: "2026-11-01" }).success).toBe(false);
    expect(ZSprintReviewQuery.safeParse({ weeks: "9" }).error?.issues[0]?.message).toBe("must be 1 to 8");
    expect(ZSprintReviewQuery.safeParse({ from: "11/01/2026", to: "2026-11-02" }).error?.issues[0]?.message).toMatch(/must be a date/);
  });

  it("reads the same range on the page as in the API, which also takes the export's parameters", () => {
    expect(ZSprintReviewRange.safeParse({ from: "2026-11-01" }).success).toBe(false);
    expect(ZSprintReviewRange.safeParse({ weeks: "3" }).data).toEqual({ weeks: 3 });
    expect(ZSprintReviewRange.safeParse({ weeks: "3", format: "csv" }).success).toBe(false);
    expect(ZSprintReviewQuery.safeParse({ weeks: "3", format: "csv" }).data).toEqual({ weeks: 3, format: "csv", table: "slos" });
    expect(ZSprintReviewQuery.safeParse({ weeks: "3", format: "csv", table: "slow-burns" }).data).toEqual({ weeks: 3, format: "csv", table: "slow-burns" });
    expect(ZSprintReviewQuery.safeParse({ format: "csv", table: "incidents" }).error?.issues[0]?.path).toEqual(["table"]);
  });
});
