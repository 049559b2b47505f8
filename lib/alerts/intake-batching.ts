import { retryingConflicts } from "@/lib/db/conflicts";
import { poolSql } from "@/lib/db/sql";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { alertRowKeys, storeAlertBatch, storeAlertBatches, type TAlertBatch, type TStoredBatch } from "./alert-store";

// Group commit for deliveries of firing alerts, the bulk of an outage's traffic (decision 027). A
// delivery that arrives while the database is idle is stored at once, alone; those that arrive while
// a statement runs (or that repeat an alert in flight) wait for a later statement, and go in
// together: one statement, one round trip and one commit for all of them. On a machine where each
// system call is dear, that is most of the cost of a delivery of repeats. A quiet system answers as
// fast as before: nothing waits for a batch to fill.

// A statement's fixed cost (a round trip, a commit, its plan) is most of what a few deliveries cost
// PostgreSQL, so the deliveries that arrive while one statement runs are best stored together by the
// next. Another statement starts beside it only when a full one waits (a load one statement cannot
// keep up with, where PostgreSQL may have cores to spare), or when the last one started has run for
// longer than a statement takes (stuck behind a row lock, say: the others must not wait for it).
// Decision 030.
const STATEMENTS_IN_FLIGHT = 4;
const MAX_DELIVERIES_PER_STATEMENT = 64;
const SLOW_STATEMENT_MS = 25;
// Bodies are stored whole: a statement of many large payloads would hold them all in memory at once.
const MAX_BODY_BYTES_PER_STATEMENT = 4 * 1024 * 1024;

type TWaiting = { batch: TAlertBatch; keys: string[]; bytes: number; resolve: (stored: TStoredBatch) => void; reject: (error: unknown) => void };

const waiting: TWaiting[] = [];
let inFlight = 0;
let lastStartedAt = 0;
let patienceTimer: NodeJS.Timeout | undefined;
// The alerts of the statements in flight. A delivery repeating one of them waits in the queue: its
// statement would only wait for the same row lock, holding a slot that other deliveries could use
// (an alert row held by a slow transaction would otherwise stall every integration's intake).
const keysInFlight = new Set<string>();

/** Stores a delivery of firing alerts (no resolutions), in one statement with the deliveries arriving beside it. */
export function storeFiringDelivery(batch: TAlertBatch): Promise<TStoredBatch> {
  return new Promise((resolve, reject) => {
    waiting.push({ batch, keys: alertRowKeys(batch), bytes: Buffer.byteLength(batch.rawBody), resolve, reject });
    startStatements();
  });
}

function startStatements() {
  while (inFlight < STATEMENTS_IN_FLIGHT && waiting.length > 0) {
    const waitedFor = performance.now() - lastStartedAt;
    if (inFlight > 0 && waiting.length < MAX_DELIVERIES_PER_STATEMENT && waitedFor < SLOW_STATEMENT_MS) {
      patienceTimer ??= setTimeout(() => {
        patienceTimer = undefined;
        startStatements();
      }, SLOW_STATEMENT_MS - waitedFor);
      return;
    }
    const group = takeGroup();
    if (group.length === 0) return;
    inFlight += 1;
    lastStartedAt = performance.now();
    const keys = group.flatMap((entry) => entry.keys);
    for (const key of keys) keysInFlight.add(key);
    void storeGroup(group).finally(() => {
      inFlight -= 1;
      for (const key of keys) keysInFlight.delete(key);
      startStatements();
    });
  }
}

/**
 * The waiting deliveries, oldest first, that one statement can store: a delivery that repeats an
 * alert already in the group (PostgreSQL updates a row once per statement) or in a statement in
 * flight waits for a later one, at the head of the queue. Empty when every waiting delivery waits so.
 */
function takeGroup(): TWaiting[] {
  const group: TWaiting[] = [];
  const keys = new Set<string>();
  let bytes = 0;
  for (let index = 0; index < waiting.length && group.length < MAX_DELIVERIES_PER_STATEMENT;) {
    const candidate = waiting[index] as TWaiting;
    const fits =
      !candidate.keys.some((key) => keys.has(key) || keysInFlight.has(key)) && (group.length === 0 || bytes + candidate.bytes <= MAX_BODY_BYTES_PER_STATEMENT);
    if (!fits) {
      index += 1;
      continue;
    }
    waiting.splice(index, 1);
    group.push(candidate);
    bytes += candidate.bytes;
    for (const key of candidate.keys) keys.add(key);
  }
  return group;
}

async function storeGroup(group: TWaiting[]) {
  try {
    const stored = await retryingConflicts(() =>
      storeAlertBatches(
        poolSql(),
        group.map((entry) => entry.batch),
      ),
    );
    group.forEach((entry, index) => entry.resolve(stored[index] as TStoredBatch));
  } catch (error) {
    // One delivery's failure must not fail the others: each is stored again alone and answered for
    // itself. An outage fails them all alike, and is not worth a statement each.
    if (group.length === 1 || isDatabaseUnavailable(error)) {
      for (const entry of group) entry.reject(error);
      return;
    }
    console.warn(`[alerts] a statement of ${group.length} deliveries failed (${error instanceof Error ? error.message : String(error)}); storing each alone`);
    await Promise.all(group.map((entry) => retryingConflicts(() => storeAlertBatch(poolSql(), entry.batch)).then(entry.resolve, entry.reject)));
  }
}
