import { localParts, zonedInstant, type TLocalDate } from "@/lib/clock/zoned-time";
import type { TWorkingHours } from "./schema";

// A working day is a calendar day in the hours' zone, never a fixed 24 hours.

const DAY_MS = 86_400_000;

function addDays(date: TLocalDate, days: number): TLocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
const isoWeekday = (date: TLocalDate) => ((new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7) + 1;

/** The first instant at or after `at` inside the working hours: `at` itself during them. */
export function nextWorkingInstant(at: Date, hours: TWorkingHours): Date {
  const local = localParts(at, hours.timeZone);
  const today: TLocalDate = { year: local.year, month: local.month, day: local.day };
  // Every working day recurs within a week, so eight calendar days always hold the next start.
  for (let offset = 0; offset <= 7; offset += 1) {
    const date = addDays(today, offset);
    if (!hours.days.includes(isoWeekday(date))) continue;
    const start = zonedInstant(date, hours.start, hours.timeZone);
    const end = zonedInstant(date, hours.end, hours.timeZone);
    if (at < end) return at > start ? at : start;
  }
  throw new Error("Working hours name no working day");
}

export const isWithinWorkingHours = (at: Date, hours: TWorkingHours) => nextWorkingInstant(at, hours).getTime() === at.getTime();
