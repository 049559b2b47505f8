import pg from "pg";
import { pgConnectionFields } from "@/lib/db/pg-connection";
import { serverEnv } from "@/lib/env/server-env";

// After losing its database connection a listener tries again 1 s, 2 s, 4 s … up to 30 s apart, for as long as it takes.
const RECONNECT_FIRST_DELAY_MS = 1_000;
const RECONNECT_MAX_DELAY_MS = 30_000;

export type TListenerEvents = {
  notification: (channel: string, payload: string | undefined) => void;
  /** the connection dropped: notifications sent from now on are missed until `resync` */
  lost: (reason: string) => void;
  /** listening again after a loss: whatever a notification would have said meanwhile must be read afresh */
  resync: () => void;
};

/**
 * One process's LISTEN connection to PostgreSQL for some channels (NOTIFY from triggers, sent on
 * commit by whichever process wrote). It connects on first use, says when it lost the connection and
 * when it listens again, and reconnects with back-off for as long as the database is away.
 */
export class NotificationListener {
  private listening: Promise<void> | null = null;
  private connected = false;
  private reconnecting = false;

  constructor(
    private readonly channels: readonly string[],
    private readonly events: TListenerEvents,
  ) {}

  /** Resolves once LISTEN is in place, so a caller may read the current state without missing a change. */
  ready(): Promise<void> {
    this.listening ??= this.connect().catch((error) => {
      this.listening = null;
      throw error;
    });
    return this.listening;
  }

  /** Whether every notification sent from now on reaches this process (connected, not since lost). */
  isListening(): boolean {
    return this.connected;
  }

  private async connect() {
    const databaseUrl = serverEnv().DATABASE_URL;
    if (!databaseUrl) throw new Error("DATABASE_URL is not set");
    // Keep-alive: a connection to a database that vanished without closing it is noticed too.
    const client = new pg.Client({ ...pgConnectionFields(databaseUrl), keepAlive: true });
    let lost = false;
    const discard = () => {
      lost = true;
      this.connected = false;
      client.removeAllListeners();
      client.on("error", () => {});
      void client.end().catch(() => {});
    };
    const connectionLost = (reason: string) => {
      if (lost) return;
      discard();
      if (this.listening === null) return;
      this.listening = null;
      this.events.lost(reason);
      void this.reconnectWithBackOff();
    };
    client.on("error", (error) => connectionLost(error.message));
    client.on("end", () => connectionLost("connection closed"));
    client.on("notification", (message) => this.events.notification(message.channel, message.payload));
    try {
      await client.connect();
      for (const channel of this.channels) await client.query(`LISTEN ${channel}`);
      this.connected = !lost;
    } catch (error) {
      discard();
      throw error;
    }
  }

  /** Listens again as soon as the database answers, however long that takes, then says so. */
  private async reconnectWithBackOff() {
    if (this.reconnecting) return;
    this.reconnecting = true;
    try {
      for (let delay = RECONNECT_FIRST_DELAY_MS; ; delay = Math.min(delay * 2, RECONNECT_MAX_DELAY_MS)) {
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
        try {
          await this.ready();
          this.events.resync();
          return;
        } catch {
          // Still unreachable: the next attempt waits longer.
        }
      }
    } finally {
      this.reconnecting = false;
    }
  }
}
