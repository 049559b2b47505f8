import { DateTime } from "luxon";

/**
 * When a layer applies: on the listed ISO weekdays (1 = Monday … 7 = Sunday) from `from` to `to`,
 * local time in the layer's zone. `to` at or before `from` runs past midnight into the next day
 * ("18:00–09:00" nights); `from` equal to `to` is the whole day from that time.
 */
export type TRestriction = { days: readonly number[]; from: string; to: string };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls in any of the restrictions; no restrictions means always. */
export function restrictionsApply(restrictions: readonly TRestriction[], zone: string, at: Date): boolean {
  if (restrictions.length === 0) return true;
  const local = DateTime.fromJSDate(at, { zone });
  const minute = local.hour * 60 + local.minute;
  const weekday = local.weekday;
  const previousDay = weekday === 1 ? 7 : weekday - 1;
  return restrictions.some((restriction) => {
    const from = minutesOf(restriction.from);
    const to = minutesOf(restriction.to);
    if (from < to) return restriction.days.includes(weekday) && minute >= from && minute < to;
    return (restriction.days.includes(weekday) && minute >= from) || (restriction.days.includes(previousDay) && minute < to);
  });
}

/** Instants strictly inside (from, to) where a restriction may start or stop applying. */
export function restrictionEdgesBetween(restrictions: readonly TRestriction[], zone: string, from: Date, to: Date): Date[] {
  if (restrictions.length === 0) return [];
  const times = [...new Set(restrictions.flatMap((restriction) => [restriction.from, restriction.to]))];
  const edges: Date[] = [];
  const lastDay = DateTime.fromJSDate(to, { zone }).startOf("day");
  for (let day = DateTime.fromJSDate(from, { zone }).startOf("day"); day <= lastDay; day = day.plus({ days: 1 })) {
    for (const time of times) {
      const instant = DateTime.fromISO(`${day.toISODate()}T${time}`, { zone }).toJSDate();
      if (instant.getTime() > from.getTime() && instant.getTime() < to.getTime()) edges.push(instant);
    }
  }
  return edges;
}
