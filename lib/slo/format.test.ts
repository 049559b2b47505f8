import { describe, expect, it } from "vitest";
import { formatObjective, objectivePercent, objectivePpmFromPercent } from "./format";
import { ZSloCreate, ZSloUpdate } from "./schema";

describe("objectives as percentages and parts per million", () => {
  it("stores 99.9% as exactly 999,000 ppm and shows it as 99.9% again", () => {
    expect(objectivePpmFromPercent(99.9)).toBe(999_000);
    expect(objectivePpmFromPercent(99.9999)).toBe(999_999);
    expect(objectivePpmFromPercent(12.3456)).toBe(123_456);
    expect(objectivePercent(999_000)).toBe(99.9);
    expect(formatObjective(995_000)).toBe("99.5%");
    expect(formatObjective(999_999)).toBe("99.9999%");
  });

  it("accepts percentages of up to four decimals (what a part per million can hold)", () => {
    const create = { serviceId: "s", name: "x", kind: "availability", window: "rolling_7d" };
    expect(ZSloCreate.safeParse({ ...create, objectivePercent: 99.9999 }).success).toBe(true);
    expect(ZSloCreate.safeParse({ ...create, objectivePercent: 0.0001 }).success).toBe(true);
    expect(ZSloUpdate.safeParse({ objectivePercent: 99.99995 }).error?.issues[0]?.message).toMatch(/at most four decimals/);
  });
});
