import { DateTime } from "luxon";

export type TCalendarView = "week" | "month";
export type TCalendarDay = { date: string; weekday: number; start: Date; end: Date; inMonth: boolean };

/**
 * The days a week (Monday first) or month view shows around `date`, as local days in `zone`: each
 * day is its real span, 23 or 25 hours on a DST change. A month view fills whole weeks.
 */
export function calendarDays(view: TCalendarView, date: string, zone: string) {
  const parsed = DateTime.fromISO(date, { zone });
  const anchor = (parsed.isValid ? parsed : DateTime.now().setZone(zone)).startOf("day");
  const first = view === "week" ? anchor.startOf("week") : anchor.startOf("month").startOf("week");
  const last = view === "week" ? first.plus({ weeks: 1 }) : anchor.endOf("month").endOf("week").plus({ milliseconds: 1 });
  const days: TCalendarDay[] = [];
  for (let day = first; day < last; day = day.plus({ days: 1 })) {
    days.push({ date: day.toISODate()!, weekday: day.weekday, start: day.toJSDate(), end: day.plus({ days: 1 }).toJSDate(), inMonth: view === "week" || day.month === anchor.month });
  }
  const step = view === "week" ? { weeks: 1 } : { months: 1 };
  return {
    anchor: anchor.toISODate()!,
    from: first.toJSDate(),
    to: last.toJSDate(),
    days,
    previous: anchor.minus(step).toISODate()!,
    next: anchor.plus(step).toISODate()!,
    title: view === "week" ? `${first.toISODate()} – ${last.minus({ days: 1 }).toISODate()}` : anchor.toFormat("yyyy-MM"),
  };
}
