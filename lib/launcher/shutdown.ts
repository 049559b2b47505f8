export type TShutdownStep = { name: string; run: () => Promise<void> | void };

export type TShutdownOutcome = { clean: true } | { clean: false; abandoned: string; skipped: string[] };

/**
 * Runs the shutdown steps one after the other. A step that fails is logged and the next one runs
 * (storing documents must not keep the database from stopping); a step still running at the
 * deadline is abandoned, and the outcome names it and the steps that never ran, so the log says
 * what a forced exit left undone.
 */
export async function runShutdown(steps: TShutdownStep[], options: { deadlineMs: number; log: (line: string) => void }): Promise<TShutdownOutcome> {
  let current = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"deadline">((resolve) => {
    timer = setTimeout(() => resolve("deadline"), options.deadlineMs);
  });
  const work = (async () => {
    for (; current < steps.length; current += 1) {
      const step = steps[current] as TShutdownStep;
      try {
        await step.run();
      } catch (error) {
        options.log(`Stopping: ${step.name} failed (${error instanceof Error ? error.message : String(error)}); going on.`);
      }
    }
    return "done" as const;
  })();
  const result = await Promise.race([work, deadline]);
  clearTimeout(timer);
  if (result === "done") return { clean: true };
  return { clean: false, abandoned: steps[current]?.name ?? "", skipped: steps.slice(current + 1).map((step) => step.name) };
}
