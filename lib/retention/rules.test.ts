import { describe, expect, it } from "vitest";
import { parseServerEnv } from "@/lib/env/schema";
import { deliveryCutoffs, intakeCounterCutoffs, retentionSettings } from "./rules";

const defaults = retentionSettings(parseServerEnv({}));
const now = new Date("2027-03-10T12:34:56Z");

describe("retention settings", () => {
  it("defaults to 7 days of rejected deliveries, 90 days of payloads and two windows of SLI minutes", () => {
    expect(defaults).toEqual({ rejectedDays: 7, payloadDays: 90, sliMinuteWindows: 2 });
  });

  it("reads 0 as keep forever", () => {
    const env = parseServerEnv({ FIREBREAK_RETAIN_REJECTED_DAYS: "0", FIREBREAK_RETAIN_PAYLOAD_DAYS: "0" });
    expect(retentionSettings(env)).toMatchObject({ rejectedDays: null, payloadDays: null });
    expect(deliveryCutoffs(now, retentionSettings(env))).toEqual({ rejectedBefore: null, payloadBefore: null });
  });

  it("names a bad setting", () => {
    expect(() => parseServerEnv({ FIREBREAK_RETAIN_REJECTED_DAYS: "-1" })).toThrow(/FIREBREAK_RETAIN_REJECTED_DAYS: must be a whole number of days from 0 \(keep forever\)/);
    expect(() => parseServerEnv({ FIREBREAK_RETAIN_SLI_MINUTE_WINDOWS: "1" })).toThrow(/FIREBREAK_RETAIN_SLI_MINUTE_WINDOWS: must be a whole number of SLO windows from 2/);
    expect(() => parseServerEnv({ FIREBREAK_INTAKE_PER_MINUTE: "lots" })).toThrow(/FIREBREAK_INTAKE_PER_MINUTE/);
  });
});

describe("alert deliveries due", () => {
  it("deletes rejected deliveries after 7 days and removes accepted payloads after 90", () => {
    expect(deliveryCutoffs(now, defaults)).toEqual({ rejectedBefore: new Date("2027-03-03T12:34:56Z"), payloadBefore: new Date("2026-12-10T12:34:56Z") });
  });

  it("forgets a quiet intake minute five minutes after it ended, one that refused deliveries with the rejected deliveries", () => {
    expect(intakeCounterCutoffs(now, defaults)).toEqual({ quietBefore: new Date("2027-03-10T12:29:00Z"), refusedBefore: new Date("2027-03-03T12:34:56Z") });
    expect(intakeCounterCutoffs(now, { ...defaults, rejectedDays: null }).refusedBefore).toBeNull();
  });
});
