// The instants where date code breaks, after today: the suite runs the code that reads dates at each
// of them (vitest.config.ts, scripts/e2e-month-start.ts). They are the next ones after today, so the
// browser's session cookies (expiring 30 days after the server's "now") stay valid for the real
// browser clock.

const HOUR = 3_600_000;

export type TTestClock = { slug: string; name: string; at: Date };

/** The first instant after `from` at which `timeZone`'s UTC offset changes (a DST change), found hour by hour. */
function nextOffsetChange(from: Date, timeZone: string): Date {
  const offset = (instant: number) => new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).format(new Date(instant)).split(" ").pop();
  const start = Math.ceil(from.getTime() / HOUR) * HOUR;
  for (let instant = start; instant < start + 400 * 24 * HOUR; instant += HOUR) {
    if (offset(instant) !== offset(instant - HOUR)) return new Date(instant);
  }
  throw new Error(`${timeZone} has no DST change in the next 400 days`);
}

export function testClocksAfter(today: Date): { monthStart: TTestClock; others: TTestClock[] } {
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth();
  const februaryYear = month >= 1 ? year + 1 : year;
  const dayEnd = new Date(Date.UTC(year, month, today.getUTCDate(), 23, 59, 30));
  return {
    monthStart: { slug: "month-start", name: "the first minute of next month", at: new Date(Date.UTC(year, month + 1, 1, 0, 0, 30)) },
    others: [
      // Day 0 of March is the last day of February, 28 or 29.
      { slug: "february-end", name: "the last day of February", at: new Date(Date.UTC(februaryYear, 2, 0, 12, 0, 0)) },
      { slug: "dst-change", name: "just after a DST change (America/New_York)", at: new Date(nextOffsetChange(today, "America/New_York").getTime() + 30_000) },
      { slug: "day-end", name: "23:59 UTC", at: dayEnd > today ? dayEnd : new Date(dayEnd.getTime() + 24 * HOUR) },
    ],
  };
}

/** FIREBREAK_CLOCK for a process (and the processes it starts) that reads `clock` now. */
export const clockSetting = (clock: TTestClock) => `${clock.at.toISOString()}@${Date.now()}`;

/** The unit tests of the domains whose code reads the clock (most rules take `now` as an argument). */
export const DATE_READING_UNIT_TESTS = ["slo", "oncall", "clock", "heartbeats", "escalation", "incidents", "notifications"].map((domain) => `lib/${domain}/**/*.test.ts`);

/**
 * The integration tests of the code that reads dates (SLO windows and the review, on-call shifts,
 * heartbeats, the demo seed and the endpoints over them). The launcher, crash, body-limit and
 * collaboration-transport tests read none.
 */
export const DATE_READING_INTEGRATION_TESTS = [
  "lib/slo/**/*.integration.test.ts",
  "lib/oncall/**/*.integration.test.ts",
  "lib/heartbeats/**/*.integration.test.ts",
  "prisma/**/*.integration.test.ts",
  "tests/integration/slo-endpoints.integration.test.ts",
  "tests/integration/review-instant.integration.test.ts",
  "tests/integration/alert-endpoints.integration.test.ts",
];

/** The browser specs whose pages compute with dates: the review, SLOs, an incident's times, an on-call shift. */
export const DATE_READING_SPECS = ["review.spec", "slo.spec", "incident-flow.spec", "alert-to-person.spec"].map((spec) => `e2e/${spec}.ts`);
