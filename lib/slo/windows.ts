import type { SloWindow } from "@/lib/generated/prisma/enums";
import { calendarMonthWindow } from "./rules";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ROLLING_DAYS: Record<Exclude<SloWindow, "calendar_month">, number> = { rolling_7d: 7, rolling_28d: 28, rolling_30d: 30 };

/** Windows end after the minute `now` falls in, so the minute being counted is part of "now". */
export const windowEndAt = (now: Date) => new Date(Math.floor(now.getTime() / MINUTE) * MINUTE + MINUTE);

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

/** The nominal length of a window, for choosing burn-rate factors (a calendar month counts as 30 days). */
export const nominalWindowMs = (window: SloWindow) => (window === "calendar_month" ? 30 : ROLLING_DAYS[window]) * DAY;
