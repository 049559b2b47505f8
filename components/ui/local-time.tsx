"use client";

import { formatDay, formatInstant, formatUtcDay, formatUtcMinute } from "@/lib/clock/format-time";
import { useTimeContext } from "./time-context";

/**
 * A timestamp in the reader's zone, labelled ("20:14 JST"; with the date when it is not today), and
 * its UTC value on hover. `day` shows the date alone ("Dec 5"), for projections such as a budget's end;
 * `dated` always shows the date, for the ends of a range.
 */
export function LocalTime({ iso, locale, day = false, dated = false }: { iso: string; locale: string; day?: boolean; dated?: boolean }) {
  const context = useTimeContext(locale);
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={day ? formatUtcDay(date) : formatUtcMinute(date)}>
      {day ? formatDay(date, context) : formatInstant(date, context, { dated })}
    </time>
  );
}
