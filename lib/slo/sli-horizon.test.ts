import { describe, expect, it } from "vitest";
import type { SloWindow } from "@/lib/generated/prisma/enums";
import { impactEnd } from "./incident-minutes";
import { MAX_REVIEW_WEEKS, sprintRange } from "./review-range";
import { sliHoursKept, sliMinutesHorizon, type TIncidentTimes } from "./sli-horizon";
import { sliDataStart, sloWindowContaining, sloWindowRange, windowEndAt } from "./windows";

const DAY = 24 * 60 * 60_000;
const HOUR = 60 * 60_000;
const now = new Date("2027-03-10T12:34:56Z");

describe("SLI minutes kept", () => {
  it("keeps a 30-day SLO's minutes for the 8-week review plus a window, which is longer than two windows", () => {
    // 86 days before the last complete minute (12:34), an hour's margin, floored to the hour.
    expect(sliMinutesHorizon("rolling_30d", "UTC", now, 2)).toEqual(new Date("2026-12-14T11:00:00Z"));
  });

  it("keeps more windows when asked", () => {
    expect(sliMinutesHorizon("rolling_30d", "UTC", now, 4)).toEqual(new Date(Date.parse("2027-03-10T11:00:00Z") - 120 * DAY));
  });

  it("counts calendar months as windows", () => {
    // The 8-week review starts on 13 January; the window ending there began on 1 January.
    expect(sliMinutesHorizon("calendar_month", "UTC", now, 2)).toEqual(new Date("2026-12-31T23:00:00Z"));
    expect(sliMinutesHorizon("calendar_month", "UTC", now, 4)).toEqual(new Date("2026-11-30T23:00:00Z"));
  });

  it("never starts after a minute that the status, the burn rates or any review of the last weeks reads", () => {
    const windows: SloWindow[] = ["rolling_7d", "rolling_28d", "rolling_30d", "calendar_month"];
    const instants = ["2027-03-01T00:00:30Z", "2027-02-28T23:59:59Z", "2026-11-01T06:30:00Z", "2027-07-15T08:15:00Z"].map((iso) => new Date(iso));
    for (const window of windows) {
      for (const timeZone of ["UTC", "Asia/Kolkata", "America/New_York"]) {
        for (const at of instants) {
          const horizon = sliMinutesHorizon(window, timeZone, at, 2);
          const end = windowEndAt(at);
          expect(horizon.getTime() % HOUR).toBe(0);
          expect(horizon <= sloWindowRange(window, timeZone, end).start).toBe(true);
          expect(horizon <= sliDataStart(window, timeZone, end)).toBe(true);
          for (let weeks = 1; weeks <= MAX_REVIEW_WEEKS; weeks++) {
            const review = sprintRange({ weeks }, at);
            expect(horizon <= sloWindowRange(window, timeZone, review.from).start).toBe(true);
          }
        }
      }
    }
  });

  const incident: TIncidentTimes = {
    startedAt: new Date("2026-10-05T14:37:20Z"),
    mitigatedAt: new Date("2026-10-05T15:20:00Z"),
    resolvedAt: new Date("2026-10-05T16:10:00Z"),
  };
  const horizon = new Date("2026-12-01T00:00:00Z");

  it("keeps the hours an old incident's impact starts and ends in, and where the rolling window it was charged to ends", () => {
    const kept = sliHoursKept({ window: "rolling_30d", timeZone: "UTC" }, [incident], new Date("2026-09-01T00:00:00Z"), horizon);
    expect(kept.map((hour) => hour.toISOString())).toEqual(["2026-10-05T14:00:00.000Z", "2026-10-05T15:00:00.000Z", "2026-11-04T14:00:00.000Z"]);
  });

  it("keeps nothing for incidents after the horizon, where every minute is kept anyway", () => {
    const recent = { startedAt: new Date("2026-12-05T10:10:00Z"), mitigatedAt: null, resolvedAt: null };
    expect(sliHoursKept({ window: "rolling_7d", timeZone: "UTC" }, [recent], new Date("2026-09-01T00:00:00Z"), horizon)).toEqual([]);
  });

  it("keeps the hours of month boundaries in the SLO's zone, which are not on the hour in Asia/Kolkata", () => {
    const kept = sliHoursKept({ window: "calendar_month", timeZone: "Asia/Kolkata" }, [], new Date("2026-09-15T00:00:00Z"), horizon);
    expect(kept.map((hour) => hour.toISOString())).toEqual([
      "2026-08-31T18:00:00.000Z",
      "2026-09-30T18:00:00.000Z",
      "2026-10-31T18:00:00.000Z",
      "2026-11-30T18:00:00.000Z",
    ]);
  });

  it("keeps the minutes of every ragged end an old incident's budget cost reads", () => {
    // incidentBudgetCosts sums the window the incident was charged to and its impact within it.
    for (const window of ["rolling_7d", "rolling_30d", "calendar_month"] as SloWindow[]) {
      for (const timeZone of ["UTC", "Asia/Kolkata"]) {
        const kept = new Set(sliHoursKept({ window, timeZone }, [incident], new Date("2026-06-01T00:00:00Z"), horizon).map((hour) => hour.getTime()));
        const charged = sloWindowContaining(window, timeZone, incident.startedAt, now);
        const impact = [new Date(Math.max(charged.start.getTime(), incident.startedAt.getTime())), impactEnd(incident) as Date];
        for (const edge of [charged.start, charged.end, ...impact]) {
          if (edge < horizon && edge.getTime() % HOUR !== 0) expect(kept.has(Math.floor(edge.getTime() / HOUR) * HOUR)).toBe(true);
        }
      }
    }
  });
});
