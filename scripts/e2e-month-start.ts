// The browser specs whose pages compute with dates, with the server, the runner and its workers on
// one clock at the first minute of next month (FIREBREAK_CLOCK; playwright.config.ts installs it).
import { spawnSync } from "node:child_process";
import { clockSetting, DATE_READING_SPECS, testClocksAfter } from "../tests/clocks";

const { monthStart } = testClocksAfter(new Date());
console.log(`[test:e2e:month-start] ${DATE_READING_SPECS.join(", ")} with the clock at ${monthStart.at.toISOString()} (${monthStart.name})`);
const run = spawnSync("npx", ["playwright", "test", ...DATE_READING_SPECS], {
  stdio: "inherit",
  env: { ...process.env, TZ: "UTC", FIREBREAK_CLOCK: clockSetting(monthStart) },
});
process.exit(run.status ?? 1);
