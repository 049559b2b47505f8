import { Worker } from "node:worker_threads";

// Escalation runs on a thread of its own so that a page is not late because the web side is busy:
// under an alert storm the main event loop is full of webhooks, and a step waiting behind them for
// its turn (and for a connection of the shared pool) went out 12–17 s after its due time. On its
// own thread, with its own small pool, it waits only for PostgreSQL. Its state is all in
// PostgreSQL, so a thread that dies is simply started again; steps are never lost (decision 017).

// A thread that keeps failing at start is tried again 1 s, 2 s, 4 s … up to a minute apart.
const RESTART_FIRST_DELAY_MS = 1_000;
const RESTART_MAX_DELAY_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

export type TEscalationThread = { stop: () => Promise<void> };

export function startEscalationThread(log: (line: string) => void): TEscalationThread {
  let stopping = false;
  let current: Worker | null = null;
  let restart: NodeJS.Timeout | null = null;
  let restartDelayMs = RESTART_FIRST_DELAY_MS;

  const start = () => {
    // None of the launcher's Node options: thread.mjs loads tsx itself.
    const worker = new Worker(new URL("./thread.mjs", import.meta.url), { execArgv: [] });
    current = worker;
    worker.on("message", (message) => {
      if (message === "started") restartDelayMs = RESTART_FIRST_DELAY_MS;
    });
    worker.on("error", (error) => log(`The escalation worker failed: ${error.message}`));
    worker.on("exit", (code) => {
      if (current === worker) current = null;
      if (stopping) return;
      log(`The escalation worker stopped (exit code ${code}); starting it again in ${restartDelayMs / 1000} s.`);
      restart = setTimeout(start, restartDelayMs);
      restart.unref();
      restartDelayMs = Math.min(restartDelayMs * 2, RESTART_MAX_DELAY_MS);
    });
  };
  start();

  return {
    stop: async () => {
      stopping = true;
      if (restart) clearTimeout(restart);
      const worker = current;
      if (!worker) return;
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.postMessage("stop");
      const cutOff = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(cutOff);
    },
  };
}
