import { isDatabaseUnavailable, outageLogger } from "@/lib/db/unavailable";

export type TPeriodicJob = {
  /** the log prefix, e.g. "slo" → "[slo] run failed: …" */
  name: string;
  everyMs: number;
  /** also run once right away, not only after the first interval */
  runAtStart: boolean;
  run: () => Promise<unknown>;
};

/** Stops the job; `wake()` runs it now (or right after the run in progress) instead of at the next interval. */
export type TPeriodicJobHandle = (() => void) & { wake: () => void };

/**
 * Runs a background job in this process every `everyMs`, skipping a run while the previous one is
 * still going. A failure is logged in one line; while the database is unreachable, one line per
 * outage window rather than one per run. Returns a function that stops it.
 */
export function startPeriodicJob({ name, everyMs, runAtStart, run }: TPeriodicJob): TPeriodicJobHandle {
  const logOutage = outageLogger((line) => console.warn(line), Math.max(10_000, everyMs));
  let running = false;
  let stopped = false;
  // A wake during a run may concern work the run has already passed over: it runs again after.
  let wokenMeanwhile = false;
  const tick = async (woken = false) => {
    if (stopped) return;
    if (running) {
      wokenMeanwhile ||= woken;
      return;
    }
    running = true;
    try {
      await run();
    } catch (error) {
      if (isDatabaseUnavailable(error)) logOutage(`[${name}] run skipped: the database cannot be reached`);
      else console.error(`[${name}] run failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
    if (wokenMeanwhile) {
      wokenMeanwhile = false;
      void tick();
    }
  };
  if (runAtStart) void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  return Object.assign(stop, { wake: () => void tick(true) });
}
