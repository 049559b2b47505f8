// Runs the unit and integration suites (the demo seed among them) with the clock at the instants
// where date code breaks, and the end-to-end specs that read dates at the first minute of a month.
// The whole integration suite runs at the first minute of a month; at the other instants, the unit
// tests and the integration tests of the code that reads dates (SLO windows and the review, on-call
// shifts, heartbeats, the demo seed): the launcher, crash, body-limit and collaboration-transport
// tests read none. The browser specs at the first minute of a month are those whose pages compute
// with dates (the review, SLOs, an incident's times, an on-call shift), so the suite stays well under
// 15 minutes. The instants are the next ones after today, so the
// browser's session cookies (expiring 30 days after the server's "now") stay valid for the real
// browser clock.
import { spawnSync } from "node:child_process";

const HOUR = 3_600_000;

/** The first instant after `from` at which `timeZone`'s UTC offset changes (a DST change), found hour by hour. */
function nextOffsetChange(from: Date, timeZone: string): Date {
  const offset = (instant: number) => new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).format(new Date(instant)).split(" ").pop();
  const start = Math.ceil(from.getTime() / HOUR) * HOUR;
  for (let instant = start; instant < start + 400 * 24 * HOUR; instant += HOUR) {
    if (offset(instant) !== offset(instant - HOUR)) return new Date(instant);
  }
  throw new Error(`${timeZone} has no DST change in the next 400 days`);
}

function clocksAfter(today: Date): { name: string; at: Date }[] {
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth();
  const februaryYear = month >= 1 ? year + 1 : year;
  const dayEnd = new Date(Date.UTC(year, month, today.getUTCDate(), 23, 59, 30));
  return [
    { name: "the first minute of next month", at: new Date(Date.UTC(year, month + 1, 1, 0, 0, 30)) },
    // Day 0 of March is the last day of February, 28 or 29.
    { name: "the last day of February", at: new Date(Date.UTC(februaryYear, 2, 0, 12, 0, 0)) },
    { name: "just after a DST change (America/New_York)", at: new Date(nextOffsetChange(today, "America/New_York").getTime() + 30_000) },
    { name: "23:59 UTC", at: dayEnd > today ? dayEnd : new Date(dayEnd.getTime() + 24 * HOUR) },
  ];
}

function run(command: string, args: string[], clock: Date): boolean {
  const env = { ...process.env, TZ: "UTC", FIREBREAK_CLOCK: `${clock.toISOString()}@${Date.now()}` };
  return spawnSync(command, args, { stdio: "inherit", env }).status === 0;
}

// At the instants after the first, all unit tests and the integration tests of the code that reads
// dates (SLO windows, reviews, on-call shifts, the demo seed); the whole integration suite runs once.
const DATE_READING_TESTS = ["lib/slo/", "lib/oncall/", "lib/heartbeats/", "prisma/", "tests/integration/slo-endpoints", "tests/integration/review-instant", "tests/integration/alert-endpoints"];
const DATE_READING_SPECS = ["review.spec", "slo.spec", "incident-flow.spec", "alert-to-person.spec"].map(
  (spec) => `e2e/${spec}.ts`,
);

const clocks = clocksAfter(new Date());
const failures: string[] = [];
for (const [index, clock] of clocks.entries()) {
  const scope = index === 0 ? [] : DATE_READING_TESTS;
  console.log(`\n[test:clocks] unit and ${index === 0 ? "all integration" : "date-reading integration"} tests with the clock at ${clock.at.toISOString()} (${clock.name})`);
  if (!run("npx", ["vitest", "run", "--project", "unit"], clock.at)) failures.push(`unit at ${clock.name}`);
  if (!run("npx", ["vitest", "run", "--project", "integration", ...scope], clock.at)) failures.push(`integration at ${clock.name}`);
}
const [monthStart] = clocks;
if (monthStart && process.argv.includes("--e2e")) {
  console.log(`\n[test:clocks] end-to-end specs that read dates, with the clock at ${monthStart.at.toISOString()} (${monthStart.name})`);
  if (!run("npx", ["playwright", "test", ...DATE_READING_SPECS], monthStart.at)) failures.push(`end-to-end at ${monthStart.name}`);
}
if (failures.length > 0) {
  console.error(`\n[test:clocks] failed: ${failures.join("; ")}`);
  process.exit(1);
}
console.log(`\n[test:clocks] passed at ${clocks.map((clock) => clock.at.toISOString()).join(", ")}`);
