import { describe, expect, it } from "vitest";
import { alertUrgency, dueStep, escalatedNow, firstDueAt, notificationTime, positionAfterNotifying, type TPolicyTiming } from "./rules";
import { parseUrgencySettings, ZEscalationPolicy, ZUrgencySettings, type TWorkingHours } from "./schema";
import { isWithinWorkingHours, nextWorkingInstant } from "./working-hours";

const at = (iso: string) => new Date(iso);
const berlin: TWorkingHours = { timeZone: "Europe/Berlin", days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" };
const tokyo: TWorkingHours = { timeZone: "Asia/Tokyo", days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" };
const twoSteps: TPolicyTiming = { stepDelaysMinutes: [1, 5], repeatCount: 0 };

describe("the next step and when it is due", () => {
  it("notifies the steps in order, each after the previous step's delay", () => {
    const now = at("2027-03-10T03:00:00Z");
    expect(dueStep({ round: 0, nextStep: 0 }, twoSteps)).toEqual({ kind: "notify", round: 0, step: 0 });
    const afterFirst = positionAfterNotifying({ round: 0, step: 0 }, twoSteps, "high", berlin, now);
    expect(afterFirst).toEqual({ round: 0, nextStep: 1, nextDueAt: at("2027-03-10T03:01:00Z") });
    expect(dueStep(afterFirst, twoSteps)).toEqual({ kind: "notify", round: 0, step: 1 });
    const afterSecond = positionAfterNotifying({ round: 0, step: 1 }, twoSteps, "high", berlin, afterFirst.nextDueAt);
    expect(afterSecond).toEqual({ round: 0, nextStep: 2, nextDueAt: at("2027-03-10T03:06:00Z") });
  });

  it("is exhausted once the last step's wait is over and no repeat is left", () => {
    expect(dueStep({ round: 0, nextStep: 2 }, twoSteps)).toEqual({ kind: "exhausted" });
    expect(dueStep({ round: 0, nextStep: 0 }, { stepDelaysMinutes: [], repeatCount: 3 })).toEqual({ kind: "exhausted" });
  });

  it("runs the whole policy 1 + K times, then is exhausted", () => {
    const policy: TPolicyTiming = { stepDelaysMinutes: [1, 5], repeatCount: 2 };
    const notified: string[] = [];
    let position = { round: 0, nextStep: 0 };
    let now = at("2027-03-10T03:00:00Z");
    for (;;) {
      const due = dueStep(position, policy);
      if (due.kind === "exhausted") break;
      notified.push(`${due.round}:${due.step}`);
      const next = positionAfterNotifying(due, policy, "high", berlin, now);
      position = next;
      now = next.nextDueAt;
    }
    expect(notified).toEqual(["0:0", "0:1", "1:0", "1:1", "2:0", "2:1"]);
    // 3 × (1 + 5) minutes: exhausted 18 minutes after the start.
    expect(now).toEqual(at("2027-03-10T03:18:00Z"));
  });

  it("escalates now to the next step, and not past the last one", () => {
    const now = at("2027-03-10T03:00:30Z");
    expect(escalatedNow({ round: 0, nextStep: 1 }, twoSteps, now)).toEqual(now);
    expect(escalatedNow({ round: 0, nextStep: 2 }, twoSteps, now)).toBeNull();
    expect(escalatedNow({ round: 0, nextStep: 2 }, { ...twoSteps, repeatCount: 1 }, now)).toEqual(now);
  });
});

describe("working hours", () => {
  it("starts a Friday-evening ticket on Monday at 09:00 in the team's zone", () => {
    // Friday 2027-03-12 19:30 in Berlin (UTC+1).
    const fridayEvening = at("2027-03-12T18:30:00Z");
    expect(firstDueAt("low", berlin, fridayEvening)).toEqual(at("2027-03-15T08:00:00Z"));
    expect(firstDueAt("high", berlin, fridayEvening)).toEqual(fridayEvening);
  });

  it("keeps 09:00 local across the spring DST change in Europe/Berlin", () => {
    // Saturday 2027-03-27 noon (UTC+1); clocks go forward on Sunday 28 March; Monday 09:00 is UTC+2.
    expect(nextWorkingInstant(at("2027-03-27T11:00:00Z"), berlin)).toEqual(at("2027-03-29T07:00:00Z"));
  });

  it("keeps 09:00 local across the autumn DST change in Europe/Berlin", () => {
    // Friday 2027-10-29 20:00 (UTC+2); clocks go back on Sunday 31 October; Monday 09:00 is UTC+1.
    expect(nextWorkingInstant(at("2027-10-29T18:00:00Z"), berlin)).toEqual(at("2027-11-01T08:00:00Z"));
  });

  it("ends the working day at 18:00 local, so a step due after it waits for the next morning", () => {
    // Tuesday 17:58 Berlin summer time: a 5-minute delay ends at 18:03, after hours.
    const position = positionAfterNotifying({ round: 0, step: 1 }, twoSteps, "low", berlin, at("2027-06-15T15:58:00Z"));
    expect(position.nextDueAt).toEqual(at("2027-06-16T07:00:00Z"));
    expect(isWithinWorkingHours(at("2027-06-15T15:59:59Z"), berlin)).toBe(true);
    expect(isWithinWorkingHours(at("2027-06-15T16:00:00Z"), berlin)).toBe(false);
  });

  it("notifies a low-urgency step during working hours at once", () => {
    const tuesdayMorning = at("2027-06-15T08:15:00Z");
    expect(notificationTime(tuesdayMorning, "low", berlin)).toEqual(tuesdayMorning);
  });

  it("reads working days in the team's zone, not in UTC", () => {
    // Sunday 2027-03-14 23:30 UTC is Monday 08:30 in Tokyo: the day starts at 09:00 JST, 00:00 UTC.
    expect(nextWorkingInstant(at("2027-03-14T23:30:00Z"), tokyo)).toEqual(at("2027-03-15T00:00:00Z"));
    // Friday 18:00 JST is over: the next start is Monday 09:00 JST.
    expect(nextWorkingInstant(at("2027-03-19T09:00:00Z"), tokyo)).toEqual(at("2027-03-22T00:00:00Z"));
  });

  it("refuses working hours that end before they start or name no day", () => {
    expect(ZUrgencySettings.safeParse({ workingHours: { ...berlin, start: "18:00", end: "09:00" } }).success).toBe(false);
    expect(ZUrgencySettings.safeParse({ workingHours: { ...berlin, days: [] } }).success).toBe(false);
    expect(ZUrgencySettings.safeParse({ workingHours: { ...berlin, timeZone: "Mars/Olympus" } }).success).toBe(false);
  });
});

describe("urgency from the error budget", () => {
  const defaults = parseUrgencySettings({});
  const burn = (notify: string) => ({ source: "slo", level: notify === "page" ? "critical" : "warning", labels: { notify } });

  it("pages for a fast burn and files a ticket for a slow one", () => {
    expect(alertUrgency(burn("page"), defaults)).toBe("high");
    expect(alertUrgency(burn("ticket"), defaults)).toBe("low");
  });

  it("lets a service page on tickets too", () => {
    const settings = parseUrgencySettings({ pageBurnRateLevels: ["page", "ticket"] });
    expect(alertUrgency(burn("ticket"), settings)).toBe("high");
  });

  it("pages for critical and error alerts of other senders by default, and for alerts without a level", () => {
    expect(alertUrgency({ source: "alertmanager", level: "critical", labels: {} }, defaults)).toBe("high");
    expect(alertUrgency({ source: "alertmanager", level: "error", labels: {} }, defaults)).toBe("high");
    expect(alertUrgency({ source: "alertmanager", level: "warning", labels: {} }, defaults)).toBe("low");
    expect(alertUrgency({ source: "generic", level: null, labels: {} }, defaults)).toBe("high");
  });

  it("does not take a sender's own notify label for a burn-rate level", () => {
    expect(alertUrgency({ source: "generic", level: "warning", labels: { notify: "page" } }, defaults)).toBe("low");
  });

  it("falls back to the defaults when stored settings cannot be read", () => {
    expect(parseUrgencySettings({ pageAlertLevels: "everything" })).toEqual(defaults);
    expect(defaults.workingHours).toEqual({ timeZone: "UTC", days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" });
  });
});

describe("policy input", () => {
  it("needs a step with a target and a delay of at least a minute", () => {
    const step = { delayMinutes: 1, targets: [{ kind: "user", userId: "u1" }] };
    expect(ZEscalationPolicy.safeParse({ name: "Payments", repeatCount: 0, steps: [step] }).success).toBe(true);
    expect(ZEscalationPolicy.safeParse({ name: "Payments", repeatCount: 0, steps: [] }).success).toBe(false);
    expect(ZEscalationPolicy.safeParse({ name: "Payments", repeatCount: 0, steps: [{ ...step, delayMinutes: 0 }] }).success).toBe(false);
    expect(ZEscalationPolicy.safeParse({ name: "Payments", repeatCount: 0, steps: [{ ...step, targets: [] }] }).success).toBe(false);
  });
});
