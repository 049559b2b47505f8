import pg from "pg";
import type { TSql } from "@/lib/db/sql";
import { pgConnectionFields } from "@/lib/db/pg-connection";
import { serverEnv } from "@/lib/env/server-env";

// A step's notifications are handed over by a worker that ticks every second; a NOTIFY at the
// step's commit lets a listening worker start at once instead of up to a tick later. Only a
// shortcut: a worker that misses it (not listening, connection lost) still finds the rows on its tick.

const CHANNEL = "firebreak_escalation";
const RECONNECT_DELAY_MS = 5_000;

/** Tells listening workers, when the transaction of `sql` commits, that notifications are waiting. */
export async function signalDueNotifications(sql: TSql): Promise<void> {
  // In FROM: a void result cannot be read back through Prisma's raw queries.
  await sql`SELECT 1 AS "signalled" FROM pg_notify(${CHANNEL}, '')`;
}

/** Calls `onSignal` whenever a committed step left notifications waiting; reconnects after losing the database. Returns a stop function. */
export function listenForDueNotifications(onSignal: () => void): () => void {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const scheduleRetry = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, RECONNECT_DELAY_MS);
    retry.unref();
  };
  const connect = async () => {
    if (stopped) return;
    let current: pg.Client;
    try {
      current = new pg.Client({ ...pgConnectionFields(serverEnv().DATABASE_URL ?? ""), keepAlive: true });
    } catch {
      scheduleRetry();
      return;
    }
    client = current;
    const reconnect = () => {
      current.removeAllListeners();
      current.on("error", () => {});
      void current.end().catch(() => {});
      scheduleRetry();
    };
    current.on("error", reconnect);
    current.on("end", reconnect);
    current.on("notification", onSignal);
    try {
      await current.connect();
      await current.query(`LISTEN ${CHANNEL}`);
    } catch {
      reconnect();
    }
  };
  void connect();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    client?.removeAllListeners();
    client?.on("error", () => {});
    void client?.end().catch(() => {});
  };
}
