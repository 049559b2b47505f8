import type { SloWindow } from "@/lib/generated/prisma/enums";
import { calendarMonthWindow } from "./rules";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ROLLING_DAYS: Record<Exclude<SloWindow, "calendar_month">, number> = { rolling_7d: 7, rolling_28d: 28, rolling_30d: 30 };
// The longest look-back an SLO's numbers take, whatever its window: the 7-day rate of the exhaustion
// projection (the burn-rate windows go back 3 days at most).
export const LONGEST_RATE_WINDOW_MS = 7 * DAY;

/**
 * Windows end at the start of the minute `now` falls in: the last complete minute is the last one
 * counted. The minute still going on has little or no data yet, and counting it would make a
 * 5-minute burn rate read 4 minutes of data and a partial one.
 */
export const windowEndAt = (now: Date) => new Date(Math.floor(now.getTime() / MINUTE) * MINUTE);

/** The SLO window ending at `end`: the last N days, or the calendar month so far. `lengthMs` is the whole window. */
export function sloWindowRange(window: SloWindow, timeZone: string, end: Date): { start: Date; end: Date; lengthMs: number } {
  if (window === "calendar_month") {
    const month = calendarMonthWindow(new Date(end.getTime() - 1), timeZone);
    return { start: month.start, end, lengthMs: month.end.getTime() - month.start.getTime() };
  }
  const lengthMs = ROLLING_DAYS[window] * DAY;
  return { start: new Date(end.getTime() - lengthMs), end, lengthMs };
}

/**
 * The window an incident starting at `instant` is charged to, as known at `end`: the latest SLO
 * window that still contains that instant. For a calendar month that is the month it started in
 * (so far, if it is this month); for a rolling window, the current one while the incident is in it,
 * then the last one that held its start. It does not move once the incident has left the window,
 * so a postmortem written weeks later shows the budget the incident consumed when it happened.
 */
export function sloWindowContaining(window: SloWindow, timeZone: string, instant: Date, end: Date): { start: Date; end: Date; lengthMs: number } {
  if (window === "calendar_month") {
    const month = calendarMonthWindow(instant, timeZone);
    return { start: month.start, end: new Date(Math.min(month.end.getTime(), end.getTime())), lengthMs: month.end.getTime() - month.start.getTime() };
  }
  const lengthMs = ROLLING_DAYS[window] * DAY;
  const windowEnd = Math.min(end.getTime(), Math.floor(instant.getTime() / MINUTE) * MINUTE + lengthMs);
  return { start: new Date(windowEnd - lengthMs), end: new Date(windowEnd), lengthMs };
}

/**
 * The first minute an SLO needs data from at `end`: the start of its window, or 7 days back when
 * that is earlier. Burn rates look back over their whole length whatever the budget window does,
 * so on the 2nd of the month a calendar-month SLO's 3-day burn rate still reads three days.
 */
export function sliDataStart(window: SloWindow, timeZone: string, end: Date): Date {
  return new Date(Math.min(sloWindowRange(window, timeZone, end).start.getTime(), end.getTime() - LONGEST_RATE_WINDOW_MS));
}
