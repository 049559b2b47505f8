// Wall-clock arithmetic in a time zone with Intl alone: a local time lands on its own instant on
// each side of a DST change (09:00 in Berlin is 07:00 UTC in summer and 08:00 UTC in winter).

export type TLocalDate = { year: number; month: number; day: number };

/** The wall clock in `timeZone` at `at`: year, month (1–12), day, hour (0–23), minute, second. */
export function localParts(at: Date, timeZone: string) {
  return Object.fromEntries(
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
}

/** The zone's offset from UTC at `instant`, in ms (+09:00 → 9 h). */
function offsetAt(instant: number, timeZone: string): number {
  const local = localParts(new Date(instant), timeZone);
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - (instant - (instant % 1000));
}

/**
 * The instant the wall clock in `timeZone` reads `date` at `time` ("HH:MM"). The offset is applied
 * twice to settle across a DST change; a time skipped by DST reads as the one after the gap.
 */
export function zonedInstant(date: TLocalDate, time: string, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone));
}
