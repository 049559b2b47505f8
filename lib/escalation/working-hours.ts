import type { TWorkingHours } from "./schema";

// Wall-clock arithmetic in a time zone with Intl alone: the working day starts at its local time on
// each side of a DST change (09:00 in Berlin is 07:00 UTC in summer and 08:00 UTC in winter), and a
// day is a calendar day, never a fixed 24 hours.

type TLocalDate = { year: number; month: number; day: number };

const DAY_MS = 86_400_000;

function localParts(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
      .formatToParts(at)
      .filter((part) => part.type !== "literal")
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;
  return parts;
}

/** The zone's offset from UTC at `instant`, in ms (+09:00 → 9 h). */
function offsetAt(instant: number, timeZone: string): number {
  const local = localParts(new Date(instant), timeZone);
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - (instant - (instant % 1000));
}

/** The instant the wall clock in `timeZone` reads `date` at `time` ("HH:MM"); a time skipped by DST reads as the one after the gap. */
export function zonedInstant(date: TLocalDate, time: string, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone));
}

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
