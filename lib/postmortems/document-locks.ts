import pg from "pg";
import { pgConnectionFields } from "@/lib/db/pg-connection";

// Which app process may hold which postmortem open, in PostgreSQL advisory locks held by one
// connection of the collaboration server. A session's advisory locks end with the session, so a
// process that dies (kill -9, lost host) frees its documents as soon as PostgreSQL sees its
// connection close, with no lease to expire.
//
// Without Redis, a process holds each document it has open exclusively: no other process can open
// it, and two copies that never hear of each other's edits cannot exist. With Redis, processes share
// every document (the Redis extension relays edits between the copies) and hold it shared, so a
// process without Redis, on the same database by mistake, still cannot open a document a process
// with Redis has open, nor the other way round.

/** The first key of Firebreak's advisory locks: a document (second key: hash of its name). */
const DOCUMENT_LOCKS = 0x46_42_44_00; // "FBD\0"
/** The first key of the locks each collaboration server holds shared for the life of its connection. */
const PROCESS_LOCKS = 0x46_42_50_00; // "FBP\0"
/** The second key under PROCESS_LOCKS: the process relays through Redis, or does not. */
const WITH_REDIS = 1;
const WITHOUT_REDIS = 0;

export type TCollaborationProcesses = { withRedis: number; withoutRedis: number };

/** A notification on one of the channels the locks' connection listens to. */
export type TNotificationListener = (channel: string, payload: string) => void;

export type TDocumentLocks = {
  /** Takes the document for this process; false when another process holds it in a way that excludes this one. */
  acquire(documentName: string): Promise<boolean>;
  /** Gives the document back (it was unloaded, or failed to load). */
  release(documentName: string): void;
  /** The other collaboration servers on this database now, by whether they relay through Redis. */
  otherProcesses(): Promise<TCollaborationProcesses>;
  close(): Promise<void>;
};

/**
 * The locks of one collaboration server. `onLost` runs once if the connection holding them breaks:
 * its locks are gone, so the server must let go of its documents (editors reconnect and take them
 * again through a new connection, opened by the next acquire).
 */
export function documentLocks(
  databaseUrl: string,
  shared: boolean,
  onLost: () => void,
  listen: { channels: string[]; onNotification: TNotificationListener } = { channels: [], onNotification: () => undefined },
): TDocumentLocks {
  const held = new Set<string>();
  let connection: Promise<pg.Client> | null = null;
  let closed = false;

  const connect = () =>
    (connection ??= (async () => {
      const client = new pg.Client({ ...pgConnectionFields(databaseUrl), application_name: "firebreak-collaboration" });
      const lost = () => {
        if (connection === null || closed) return;
        connection = null;
        held.clear();
        onLost();
      };
      client.on("error", (error) => {
        console.warn(`[collab] the connection holding open documents broke (${error.message}): closing them so editors reconnect`);
        lost();
      });
      client.on("end", lost);
      client.on("notification", (message) => listen.onNotification(message.channel, message.payload ?? ""));
      try {
        await client.connect();
        await client.query("SELECT pg_advisory_lock_shared($1, $2)", [PROCESS_LOCKS, shared ? WITH_REDIS : WITHOUT_REDIS]);
        // The documents this process holds are open only while this connection is: it hears of changes to them here.
        for (const channel of listen.channels) await client.query(`LISTEN ${channel}`);
      } catch (error) {
        connection = null;
        await client.end().catch(() => undefined);
        throw error;
      }
      return client;
    })());

  return {
    async acquire(documentName) {
      if (held.has(documentName)) return true;
      const client = await connect();
      const { rows } = await client.query<{ taken: boolean }>(
        shared ? "SELECT pg_try_advisory_lock_shared($1, hashtext($2)) AS taken" : "SELECT pg_try_advisory_lock($1, hashtext($2)) AS taken",
        [DOCUMENT_LOCKS, documentName],
      );
      if (rows[0]?.taken) held.add(documentName);
      return rows[0]?.taken ?? false;
    },
    release(documentName) {
      if (!held.delete(documentName) || !connection) return;
      // Queued on the same connection: an acquire called after this runs after it, so it never
      // sees its own lock released under it.
      void connection
        .then((client) =>
          client.query(shared ? "SELECT pg_advisory_unlock_shared($1, hashtext($2))" : "SELECT pg_advisory_unlock($1, hashtext($2))", [
            DOCUMENT_LOCKS,
            documentName,
          ]),
        )
        .catch(() => undefined);
    },
    async otherProcesses() {
      const client = await connect();
      const { rows } = await client.query<{ withRedis: number; withoutRedis: number }>(
        `SELECT count(*) FILTER (WHERE objid = $2)::int AS "withRedis", count(*) FILTER (WHERE objid = $3)::int AS "withoutRedis"
         FROM pg_locks
         WHERE locktype = 'advisory' AND classid = $1 AND objsubid = 2 AND granted AND pid <> pg_backend_pid()
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [PROCESS_LOCKS, WITH_REDIS, WITHOUT_REDIS],
      );
      return rows[0] ?? { withRedis: 0, withoutRedis: 0 };
    },
    async close() {
      closed = true;
      held.clear();
      const client = await connection?.catch(() => null);
      connection = null;
      await client?.end().catch(() => undefined);
    },
  };
}

/**
 * The start-up warning about other collaboration servers on the same database, or null when the
 * topology is safe: every process relays through Redis, or this one is alone.
 */
export function collaborationTopologyWarning(withRedis: boolean, others: TCollaborationProcesses): string | null {
  const total = others.withRedis + others.withoutRedis;
  if (total === 0) return null;
  if (withRedis && others.withoutRedis === 0) return null;
  const count = `${total} other Firebreak ${total === 1 ? "process serves" : "processes serve"}`;
  if (withRedis) {
    return `${count} postmortems on this database, ${others.withoutRedis} of them without REDIS_URL: give every process the same REDIS_URL. Until then a postmortem open in one of them cannot be opened in another (editors are told so).`;
  }
  return `${count} postmortems on this database, and this one has no REDIS_URL: set REDIS_URL on every process (README, "Running as many processes"). Until then a postmortem open in one process cannot be opened in another (editors are told so).`;
}
