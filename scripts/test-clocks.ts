// Runs the unit and integration suites (the demo seed among them) with the clock at the instants
// where date code breaks, and the end-to-end specs that read dates at the first minute of a month.
// The whole integration suite runs at the first minute of a month; at the other instants, the tests
// of the domain code and the demo (lib/, prisma/, the SLO and review endpoints), which is where
// dates are read: the launcher, crash, body-limit and collaboration-transport tests read none, and
// the suite stays well under 15 minutes. The instants are the next ones after today, so the
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

const DATE_READING_TESTS = ["lib/", "prisma/", "tests/integration/slo-endpoints", "tests/integration/review-instant", "tests/integration/alert-endpoints"];
const DATE_READING_SPECS = ["postmortem.spec", "review.spec", "slo.spec", "alerts.spec", "incident-flow.spec", "accounts.spec", "live.spec", "alert-to-person.spec"].map(
  (spec) => `e2e/${spec}.ts`,
);

const clocks = clocksAfter(new Date());
const failures: string[] = [];
for (const [index, clock] of clocks.entries()) {
  const scope = index === 0 ? [] : DATE_READING_TESTS;
  console.log(`\n[test:clocks] unit and ${index === 0 ? "all integration" : "domain"} tests with the clock at ${clock.at.toISOString()} (${clock.name})`);
  if (!run("npx", ["vitest", "run", "--project", "unit", "--project", "integration", ...scope], clock.at)) failures.push(`unit/integration at ${clock.name}`);
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
