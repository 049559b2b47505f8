import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import type { TTranslate } from "@/lib/i18n/translate";
import type { TCalendarDay, TCalendarView } from "@/lib/oncall/calendar";
import type { TShiftWithPeople } from "@/lib/oncall/queries";

type TProps = {
  view: TCalendarView;
  days: TCalendarDay[];
  shifts: TShiftWithPeople[];
  viewerId: string;
  coverHref: (shift: TShiftWithPeople) => string;
  t: TTranslate;
  locale: string;
};

const overlaps = (shift: TShiftWithPeople, day: TCalendarDay) => shift.start < day.end && shift.end > day.start;

/** The week or month grid: each day lists the pieces of the schedule that touch it, overrides marked. */
export function ScheduleCalendar({ view, days, shifts, viewerId, coverHref, t, locale }: TProps) {
  const weeks = Array.from({ length: days.length / 7 }, (_, index) => days.slice(index * 7, index * 7 + 7));
  return (
    <table className={`data oncall-calendar oncall-${view}`} data-testid="schedule-calendar">
      <thead>
        <tr>
          {[1, 2, 3, 4, 5, 6, 7].map((weekday) => (
            <th key={weekday} scope="col">
              {t(`oncall.day.${weekday}` as "oncall.day.1")}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]!.date}>
            {week.map((day) => (
              <td key={day.date} className={day.inMonth ? undefined : "muted"} style={{ verticalAlign: "top", minWidth: "7rem" }}>
                <div className="small">
                  <strong>{day.date.slice(view === "month" ? 8 : 5)}</strong>
                </div>
                <ul className="small" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                  {shifts
                    .filter((shift) => overlaps(shift, day))
                    .map((shift) => (
                      <li key={shift.start.toISOString()} data-testid="calendar-shift" className={shift.overrideIds.length > 0 ? "oncall-override" : undefined}>
                        {shift.people.length === 0 ? <span className="muted">{t("oncall.calendar.gap")}</span> : shift.people.map((person) => person.name).join(", ")}
                        {shift.overrideIds.length > 0 ? <em> ({t("oncall.calendar.override")})</em> : null}
                        {view === "week" ? (
                          <div className="muted">
                            <LocalTime iso={shift.start.toISOString()} locale={locale} /> → <LocalTime iso={shift.end.toISOString()} locale={locale} />
                          </div>
                        ) : null}
                        {shift.people.some((person) => person.id === viewerId) ? (
                          <div>
                            <Link href={coverHref(shift)}>{t("oncall.calendar.coverMe")}</Link>
                          </div>
                        ) : null}
                      </li>
                    ))}
                </ul>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
