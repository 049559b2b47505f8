import path from "node:path";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { clockSetting, DATE_READING_INTEGRATION_TESTS, DATE_READING_UNIT_TESTS, testClocksAfter, type TTestClock } from "./tests/clocks.ts";

const root = import.meta.dirname;
const alias = {
  "@": root,
  // The real module throws outside React Server Components; tests run plain Node.
  "server-only": path.join(root, "tests/server-only-stub.ts"),
};

const clockEnv = (clock?: TTestClock) => (clock ? { FIREBREAK_CLOCK: clockSetting(clock) } : {});

const unit = (name: string, include: string[], clock?: TTestClock): TestProjectInlineConfiguration => ({
  resolve: { alias },
  test: {
    name,
    include,
    exclude: ["**/*.integration.test.ts", "node_modules/**"],
    environment: "node",
    setupFiles: ["tests/clock-setup.ts"],
    env: clockEnv(clock),
  },
});

/** Each integration project has its own throwaway embedded PostgreSQL (its global setup). */
const integration = (name: string, include: string[], clock?: TTestClock): TestProjectInlineConfiguration => ({
  resolve: { alias },
  test: {
    name,
    include,
    exclude: ["node_modules/**", ".next/**"],
    environment: "node",
    globalSetup: ["tests/integration-global-setup.ts"],
    setupFiles: ["tests/clock-setup.ts", "tests/integration-setup.ts"],
    env: clockEnv(clock),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

// Date code breaks at a month's first minute, the last day of February, a DST change and 23:59 UTC.
// The unit tests run today (as does the browser suite) and the whole integration suite at the first
// minute of next month; the tests of the code that reads dates run at every other instant as well.
const { monthStart, others } = testClocksAfter(new Date());

export default defineConfig({
  test: {
    // The integration files wait on PostgreSQL and on the processes they start more than they
    // compute: three at once on a 2-core machine take half the time of one at a time.
    maxWorkers: 3,
    projects: [
      unit("unit", ["lib/**/*.test.ts"]),
      integration("integration", ["**/*.integration.test.ts"], monthStart),
      unit(`unit@${monthStart.slug}`, DATE_READING_UNIT_TESTS, monthStart),
      ...others.flatMap((clock) => [
        unit(`unit@${clock.slug}`, DATE_READING_UNIT_TESTS, clock),
        integration(`integration@${clock.slug}`, DATE_READING_INTEGRATION_TESTS, clock),
      ]),
    ],
  },
});
