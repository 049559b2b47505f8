import { describe, expect, it } from "vitest";
import { burnAlertKey, burnEpisodeTimes } from "./slow-burn-rules";

const MINUTE = 60_000;
const sprintEnd = new Date("2026-11-30T00:00:00Z");
const at = (minutesBeforeEnd: number) => new Date(sprintEnd.getTime() - minutesBeforeEnd * MINUTE);

describe("burnAlertKey", () => {
  it("reads the SLO and the long window from a burn-rate alert's dedup key", () => {
    expect(burnAlertKey("slo:cm3abc:259200000")).toEqual({ sloId: "cm3abc", longWindowMs: 259_200_000 });
  });

  it("refuses keys that are not a burn-rate alert's", () => {
    for (const key of ["apns/certificate", "slo:cm3abc", "slo::86400000", "slo:cm3abc:0", "slo:cm3abc:1d", "xslo:cm3abc:86400000"])
      expect(burnAlertKey(key)).toBeNull();
  });
});

describe("burnEpisodeTimes", () => {
  it("measures an ended burn from start to end, acknowledged after its own acknowledgement", () => {
    expect(burnEpisodeTimes({ startsAt: at(300), endsAt: at(60), acknowledgedAt: at(280), incident: null }, sprintEnd)).toEqual({
      durationMs: 240 * MINUTE,
      firingAtEnd: false,
      acknowledgedAt: at(280),
      acknowledgeMs: 20 * MINUTE,
    });
  });

  it("measures a burn still firing up to the sprint's end, and flags it", () => {
    expect(burnEpisodeTimes({ startsAt: at(90), endsAt: null, acknowledgedAt: null, incident: null }, sprintEnd)).toMatchObject({
      durationMs: 90 * MINUTE,
      firingAtEnd: true,
      acknowledgeMs: null,
    });
  });

  it("counts a burn that ended after the sprint as firing at its end, with its whole duration", () => {
    const times = burnEpisodeTimes({ startsAt: at(60), endsAt: new Date(sprintEnd.getTime() + 30 * MINUTE), acknowledgedAt: null, incident: null }, sprintEnd);
    expect(times).toMatchObject({ durationMs: 90 * MINUTE, firingAtEnd: true });
  });

  it("does not count a burn that ended exactly at the sprint's end as still firing", () => {
    expect(burnEpisodeTimes({ startsAt: at(60), endsAt: sprintEnd, acknowledgedAt: null, incident: null }, sprintEnd).firingAtEnd).toBe(false);
  });

  it("takes the incident's acknowledgement for a burn that joined an incident already acknowledged, as immediate", () => {
    const times = burnEpisodeTimes({ startsAt: at(60), endsAt: at(10), acknowledgedAt: null, incident: { acknowledgedAt: at(120) } }, sprintEnd);
    expect(times).toMatchObject({ acknowledgedAt: at(120), acknowledgeMs: 0 });
  });

  it("leaves a burn whose incident nobody acknowledged unacknowledged", () => {
    expect(burnEpisodeTimes({ startsAt: at(60), endsAt: null, acknowledgedAt: null, incident: { acknowledgedAt: null } }, sprintEnd).acknowledgedAt).toBeNull();
  });
});
