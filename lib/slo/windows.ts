import type { SloWindow } from "@/lib/generated/prisma/enums";
import { calendarMonthWindow } from "./rules";

const DAY = 24 * 60 * 60_000;
const ROLLING_DAYS: Record<Exclude<SloWindow, "calendar_month">, number> = { rolling_7d: 7, rolling_28d: 28, rolling_30d: 30 };

/** The SLO window that `now` falls in: the last N days, or the calendar month so far. `lengthMs` is the whole window. */
export function sloWindowRange(window: SloWindow, timeZone: string, now: Date): { start: Date; end: Date; lengthMs: number } {
  if (window === "calendar_month") {
    const month = calendarMonthWindow(now, timeZone);
    return { start: month.start, end: now, lengthMs: month.end.getTime() - month.start.getTime() };
  }
  const lengthMs = ROLLING_DAYS[window] * DAY;
  return { start: new Date(now.getTime() - lengthMs), end: now, lengthMs };
}
