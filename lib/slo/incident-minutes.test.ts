import { describe, expect, it } from "vitest";
import { minutesFromOutages } from "./incident-minutes";

const at = (time: string) => new Date(`2026-11-24T${time}:00Z`);

describe("bad minutes from full outages", () => {
  it("counts every minute an outage touched as bad and the others as good", () => {
    const minutes = minutesFromOutages(at("10:00"), at("10:10"), [{ startedAt: new Date("2026-11-24T10:02:30Z"), endedAt: at("10:05") }]);
    expect(minutes).toHaveLength(10);
    expect(minutes.map((minute) => minute.good).join("")).toBe("1100011111");
    expect(minutes.every((minute) => minute.total === 1)).toBe(true);
  });

  it("treats an outage that has not ended as covering up to the end, and overlapping outages once", () => {
    const minutes = minutesFromOutages(at("10:00"), at("10:06"), [
      { startedAt: at("10:03"), endedAt: null },
      { startedAt: at("10:01"), endedAt: at("10:04") },
    ]);
    expect(minutes.map((minute) => minute.good).join("")).toBe("100000");
  });

  it("has no minutes for an empty range and none bad without outages", () => {
    expect(minutesFromOutages(at("10:00"), at("10:00"), [])).toEqual([]);
    expect(minutesFromOutages(at("10:00"), at("10:03"), []).map((minute) => minute.good)).toEqual([1, 1, 1]);
  });
});
