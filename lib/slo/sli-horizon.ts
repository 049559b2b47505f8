import type { SloWindow } from "@/lib/generated/prisma/enums";
import { impactEnd } from "./incident-minutes";
import { MAX_REVIEW_WEEKS } from "./review-range";
import { calendarMonthWindow } from "./rules";
import { sliDataStart, sloWindowRange, windowEndAt } from "./windows";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Processes' clocks differ a little: SLI minutes are kept an hour longer than any reader needs.
const SLI_CLOCK_MARGIN_MS = HOUR;

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
