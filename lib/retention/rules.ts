import type { TRetentionEnv } from "@/lib/env/schema";
import type { SloWindow } from "@/lib/generated/prisma/enums";
import { impactEnd } from "@/lib/slo/incident-minutes";
import { MAX_REVIEW_WEEKS } from "@/lib/slo/review-range";
import { calendarMonthWindow } from "@/lib/slo/rules";
import { sliDataStart, sloWindowRange, windowEndAt } from "@/lib/slo/windows";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Processes' clocks differ a little: a counter row stays this long after its minute, and SLI minutes
// are kept an hour longer than any reader needs.
const COUNTER_MINUTE_MARGIN_MS = 5 * MINUTE;
const SLI_CLOCK_MARGIN_MS = HOUR;

/** What retention keeps; null days mean "forever". */
export type TRetentionSettings = {
  rejectedDays: number | null;
  payloadDays: number | null;
  sliMinuteWindows: number;
};

export function retentionSettings(env: TRetentionEnv): TRetentionSettings {
  const days = (value: number) => (value === 0 ? null : value);
  return {
    rejectedDays: days(env.FIREBREAK_RETAIN_REJECTED_DAYS),
    payloadDays: days(env.FIREBREAK_RETAIN_PAYLOAD_DAYS),
    sliMinuteWindows: env.FIREBREAK_RETAIN_SLI_MINUTE_WINDOWS,
  };
}

const daysBefore = (now: Date, days: number | null) => (days === null ? null : new Date(now.getTime() - days * DAY));

/**
 * Alert deliveries due at `now`: rejected ones received before `rejectedBefore` are deleted;
 * accepted ones received before `payloadBefore` lose their payload (the row stays, alerts point at it).
 */
export function deliveryCutoffs(now: Date, settings: TRetentionSettings): { rejectedBefore: Date | null; payloadBefore: Date | null } {
  return { rejectedBefore: daysBefore(now, settings.rejectedDays), payloadBefore: daysBefore(now, settings.payloadDays) };
}

/**
 * Intake counters due at `now`: a minute nothing was refused in is needed only while it lasts; one
 * with refusals stands for deliveries that were turned away, and is kept as long as rejected
 * deliveries are (the integration page counts them).
 */
export function intakeCounterCutoffs(now: Date, settings: TRetentionSettings): { quietBefore: Date; refusedBefore: Date | null } {
  return {
    quietBefore: new Date(Math.floor(now.getTime() / MINUTE) * MINUTE - COUNTER_MINUTE_MARGIN_MS),
    refusedBefore: daysBefore(now, settings.rejectedDays),
  };
}

/**
 * The first minute bucket an SLO keeps at `now`: `windows` of its windows back, and never less than
 * its readers need — its status (the window, or 7 days for the burn rates) and the sprint review of
 * the last 8 weeks (the window ending where that review starts). Floored to the hour: a sum reads
 * the minutes of the hour it starts in.
 */
export function sliMinutesHorizon(window: SloWindow, timeZone: string, now: Date, windows: number): Date {
  const end = windowEndAt(now);
  let start = end;
  for (let counted = 0; counted < windows; counted++) start = sloWindowRange(window, timeZone, start).start;
  const reviewStart = new Date(end.getTime() - MAX_REVIEW_WEEKS * 7 * DAY);
  const earliest = Math.min(start.getTime(), sloWindowRange(window, timeZone, reviewStart).start.getTime(), sliDataStart(window, timeZone, end).getTime());
  return new Date(Math.floor((earliest - SLI_CLOCK_MARGIN_MS) / HOUR) * HOUR);
}

export type TIncidentTimes = { startedAt: Date; mitigatedAt: Date | null; resolvedAt: Date | null };

/**
 * The hours before `horizon` whose minutes stay although they are old: sums read minutes only for
 * the part of an hour an interval starts or ends in, and old intervals still read are the ones of
 * incidents (a postmortem shows what its incident cost each SLO of its services). Those start and
 * end where the incident did, or where the SLO window it was charged to did (a rolling window ends
 * its length after the incident's start; a calendar month at a month boundary in the SLO's zone,
 * which is not on the hour in zones such as Asia/Kolkata). Everything else sums whole hours.
 */
export function sliHoursKept(slo: { window: SloWindow; timeZone: string }, incidents: TIncidentTimes[], oldestMinute: Date, horizon: Date): Date[] {
  const instants: number[] = [];
  for (const incident of incidents) {
    instants.push(incident.startedAt.getTime());
    const ended = impactEnd(incident);
    if (ended) instants.push(ended.getTime());
    if (slo.window !== "calendar_month") {
      const startMinute = Math.floor(incident.startedAt.getTime() / MINUTE) * MINUTE;
      instants.push(startMinute + sloWindowRange(slo.window, slo.timeZone, incident.startedAt).lengthMs);
    }
  }
  if (slo.window === "calendar_month") {
    for (let month = calendarMonthWindow(oldestMinute, slo.timeZone); month.start < horizon; month = calendarMonthWindow(month.end, slo.timeZone)) {
      instants.push(month.start.getTime(), month.end.getTime());
    }
  }
  const hours = new Set(instants.filter((instant) => instant < horizon.getTime()).map((instant) => Math.floor(instant / HOUR) * HOUR));
  return [...hours].sort((a, b) => a - b).map((hour) => new Date(hour));
}
