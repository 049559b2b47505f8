import ical from "ical-generator";
import type { TShiftWithPeople } from "./queries";

export type TFeedShift = TShiftWithPeople & { scheduleId: string; scheduleName: string };

/**
 * An RFC 5545 calendar with one event per piece of a schedule that has someone on call. Times are
 * UTC instants, so every calendar client shows them in its own zone. UIDs are stable per piece, so a
 * client that re-reads the feed updates events instead of duplicating them.
 */
export function renderShiftCalendar(name: string, shifts: readonly TFeedShift[], host: string): string {
  const calendar = ical({ name, prodId: { company: "Firebreak", product: "On call", language: "EN" }, ttl: 15 * 60 });
  for (const shift of shifts) {
    if (shift.people.length === 0) continue;
    const names = shift.people.map((person) => person.name).join(", ");
    calendar.createEvent({
      id: `${shift.scheduleId}-${shift.start.getTime()}-${shift.people.map((person) => person.id).join("+")}@${host}`,
      start: shift.start,
      end: shift.end,
      summary: `On call: ${names} (${shift.scheduleName})`,
      description: shift.overrideIds.length > 0 ? `${names} covers this span (override).` : `${shift.scheduleName}: ${names}`,
    });
  }
  return calendar.toString();
}
