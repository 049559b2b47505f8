// Errors that say the database cannot be reached right now (down, restarting, failing over, out of
// connections), as opposed to a query that is wrong: the first are worth retrying, the second not.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// SQLSTATE class 08 (connection exception), 53 (insufficient resources: too many clients, out of
// memory or disk), 57P01–57P03 (shutting down, crash recovery, cannot connect now).
const SQLSTATE = /^(08|53|57P0[1-3])/;
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN"]);

type TErrorLike = { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } }; message?: unknown; cause?: unknown };

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 3) return false;
  const candidate = error as TErrorLike;
  const code = typeof candidate.code === "string" ? candidate.code : "";
  const adapterCause = candidate.meta?.driverAdapterError?.cause;
  if (PRISMA_CODES.has(code) || NODE_CODES.has(code) || SQLSTATE.test(code)) return true;
  if (typeof adapterCause?.kind === "string" && ADAPTER_KINDS.has(adapterCause.kind)) return true;
  if (typeof adapterCause?.originalCode === "string" && SQLSTATE.test(adapterCause.originalCode)) return true;
  if (typeof candidate.message === "string" && /Connection terminated|Can't reach database server|terminating connection/.test(candidate.message)) return true;
  // Every connection of the pool stayed busy for the whole wait: the database is out of connections for now.
  if (code === "P2028" && typeof candidate.message === "string" && /Unable to start a transaction in the given time/.test(candidate.message)) return true;
  // The same through the pg driver (lib/db/sql.ts): the pool's connectionTimeoutMillis passed.
  if (typeof candidate.message === "string" && /^timeout exceeded when trying to connect$/.test(candidate.message)) return true;
  return isDatabaseUnavailable(candidate.cause, depth + 1);
}

/**
 * One log line per outage window instead of a stack trace per request: the first failure is logged
 * at once, later ones are counted and summed up at most every `everyMs`.
 */
export function outageLogger(log: (line: string) => void, everyMs = 10_000, now = () => Date.now()) {
  let windowStart = -Infinity;
  let suppressed = 0;
  return (what: string) => {
    if (now() - windowStart < everyMs) {
      suppressed += 1;
      return;
    }
    const summary = suppressed > 0 ? ` (${suppressed} more failed the same way in the last ${Math.round((now() - windowStart) / 1000)} s)` : "";
    log(`${what}${summary}`);
    windowStart = now();
    suppressed = 0;
  };
}
