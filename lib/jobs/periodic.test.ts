import { afterEach, describe, expect, it, vi } from "vitest";
import { startPeriodicJob } from "./periodic";

/** A job whose runs end only when the test says so. */
function controlledJob() {
  const runs: (() => void)[] = [];
  const run = () => new Promise<void>((resolve) => runs.push(resolve));
  return { runs, run };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("a periodic job", () => {
  const stops: (() => void)[] = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    vi.useRealTimers();
  });

  it("runs at once when woken, not only at the next interval", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const job = controlledJob();
    const handle = startPeriodicJob({ name: "test", everyMs: 60_000, runAtStart: false, run: job.run });
    stops.push(handle);
    expect(job.runs).toHaveLength(0);
    handle.wake();
    expect(job.runs).toHaveLength(1);
  });

  it("runs again right after the run in progress when woken during it, but not for an interval that passed", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const job = controlledJob();
    const handle = startPeriodicJob({ name: "test", everyMs: 1_000, runAtStart: true, run: job.run });
    stops.push(handle);
    expect(job.runs).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    job.runs[0]?.();
    await settle();
    expect(job.runs).toHaveLength(1);

    vi.advanceTimersByTime(1_000);
    expect(job.runs).toHaveLength(2);
    handle.wake();
    handle.wake();
    expect(job.runs).toHaveLength(2);
    job.runs[1]?.();
    await settle();
    expect(job.runs).toHaveLength(3);
  });

  it("does nothing once stopped, even when woken", () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const job = controlledJob();
    const handle = startPeriodicJob({ name: "test", everyMs: 1_000, runAtStart: false, run: job.run });
    handle();
    handle.wake();
    vi.advanceTimersByTime(5_000);
    expect(job.runs).toHaveLength(0);
  });
});
