import type { TSliMinute } from "./sli-store";

const MINUTE = 60_000;

export type TOutage = { startedAt: Date; endedAt: Date | null };

/** An incident's impact runs from its start until it is mitigated (or resolved, if never marked mitigated). */
export const impactEnd = (incident: { mitigatedAt: Date | null; resolvedAt: Date | null }) => incident.mitigatedAt ?? incident.resolvedAt;

/**
 * Time-based SLI for teams without metrics: every minute of [from, to) is one event, bad when a
 * full outage covered any part of it. An outage still going on covers everything up to `to`.
 * sumSliIntervals (sli-sums.ts) counts minutes not yet stored by the same rule, in SQL: keep them in step.
 */
export function minutesFromOutages(from: Date, to: Date, outages: TOutage[]): TSliMinute[] {
  const first = Math.floor(from.getTime() / MINUTE) * MINUTE;
  const spans = outages.map((outage) => ({ start: outage.startedAt.getTime(), end: outage.endedAt?.getTime() ?? Infinity }));
  const minutes: TSliMinute[] = [];
  for (let minute = first; minute < to.getTime(); minute += MINUTE) {
    const down = spans.some((span) => span.start < minute + MINUTE && span.end > minute);
    minutes.push({ minute: new Date(minute), good: down ? 0 : 1, total: 1 });
  }
  return minutes;
}
