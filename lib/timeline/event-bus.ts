import { EventEmitter } from "node:events";
import pg from "pg";
import { pgConnectionFields } from "@/lib/db/pg-connection";
import { serverEnv } from "@/lib/env/server-env";
import { timelineEntryById, type TStreamEntry } from "./queries";

const CHANNEL = "firebreak_timeline";
const PRESENCE_CHANNEL = "firebreak_presence";
const ALL_INCIDENTS = "*";
// After losing its database connection the bus tries again 1 s, 2 s, 4 s … up to 30 s apart, for as long as it takes.
const RECONNECT_FIRST_DELAY_MS = 1_000;
const RECONNECT_MAX_DELAY_MS = 30_000;
const PRESENCE_COALESCE_MS = 500;

/**
 * `lost`: this process stopped hearing of new entries (its database connection dropped); streams end
 * so that browsers show "Reconnecting…" and resume from their last entry once the database is back.
 * `resync`: the bus listens again; anything that kept listening catches up from the stored timeline.
 */
export type TTimelineBusEvent = { type: "entry"; entry: TStreamEntry } | { type: "presence" } | { type: "lost" } | { type: "resync" };
type TListener = (event: TTimelineBusEvent) => void;

/**
 * Fans timeline entries (and who has which room open) out to this process's live streams. A trigger NOTIFYs every committed
 * entry (ids only); one LISTEN connection per process fetches each entry once and hands it to every
 * subscriber, so an entry written through any app process reaches browsers connected to all of them.
 */
class TimelineEventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private listening: Promise<void> | null = null;

  subscribe(incidentId: string | null, listener: TListener): () => void {
    const channel = incidentId ?? ALL_INCIDENTS;
    this.emitter.on(channel, listener);
    void this.ensureListening();
    return () => this.emitter.off(channel, listener);
  }

  /** Resolves once this process is LISTENing, so a subscriber may replay history without a gap. */
  ready(): Promise<void> {
    return this.ensureListening();
  }

  private ensureListening(): Promise<void> {
    this.listening ??= this.connect().catch((error) => {
      this.listening = null;
      throw error;
    });
    return this.listening;
  }

  private async connect() {
    const databaseUrl = serverEnv().DATABASE_URL;
    if (!databaseUrl) throw new Error("DATABASE_URL is not set");
    // Keep-alive: a connection to a database that vanished without closing it is noticed too.
    const client = new pg.Client({ ...pgConnectionFields(databaseUrl), keepAlive: true });
    let lost = false;
    const connectionLost = (reason: string) => {
      if (lost) return;
      lost = true;
      client.removeAllListeners();
      client.on("error", () => {});
      void client.end().catch(() => {});
      if (this.listening === null) return;
      this.listening = null;
      console.warn(`[timeline] lost the live-update connection to PostgreSQL (${reason}); live streams end and resume once it is back`);
      this.emitEverywhere({ type: "lost" });
      void this.reconnectWithBackOff();
    };
    client.on("error", (error) => connectionLost(error.message));
    client.on("end", () => connectionLost("connection closed"));
    client.on("notification", (message) => {
      if (message.channel === PRESENCE_CHANNEL && message.payload) this.presenceChanged(message.payload);
      else void this.deliver(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
    } catch (error) {
      lost = true;
      client.removeAllListeners();
      client.on("error", () => {});
      void client.end().catch(() => {});
      throw error;
    }
  }

  private reconnecting = false;

  /** Listens again as soon as the database answers, however long that takes, then has every stream catch up. */
  private async reconnectWithBackOff() {
    if (this.reconnecting) return;
    this.reconnecting = true;
    try {
      for (let delay = RECONNECT_FIRST_DELAY_MS; ; delay = Math.min(delay * 2, RECONNECT_MAX_DELAY_MS)) {
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
        try {
          await this.ensureListening();
          console.warn("[timeline] live updates from PostgreSQL are back");
          this.emitEverywhere({ type: "resync" });
          return;
        } catch {
          // Still unreachable: the next attempt waits longer.
        }
      }
    } finally {
      this.reconnecting = false;
    }
  }

  private async deliver(payload: string | undefined) {
    if (!payload) return;
    const { id } = JSON.parse(payload) as { id: string; incidentId: string };
    const entry = await timelineEntryById(BigInt(id)).catch(() => null);
    if (!entry) return;
    const event: TTimelineBusEvent = { type: "entry", entry };
    this.emitter.emit(entry.incidentId, event);
    this.emitter.emit(ALL_INCIDENTS, event);
  }

  private readonly pendingPresence = new Set<string>();

  /** Presence is not urgent: many people opening a room at once make one event, not hundreds. */
  private presenceChanged(incidentId: string) {
    if (this.pendingPresence.has(incidentId)) return;
    this.pendingPresence.add(incidentId);
    setTimeout(() => {
      this.pendingPresence.delete(incidentId);
      this.emitter.emit(incidentId, { type: "presence" } satisfies TTimelineBusEvent);
    }, PRESENCE_COALESCE_MS);
  }

  private emitEverywhere(event: TTimelineBusEvent) {
    for (const channel of this.emitter.eventNames()) this.emitter.emit(channel, event);
  }
}

const globalForBus = globalThis as unknown as { firebreakTimelineBus?: TimelineEventBus };

/** The process's one timeline event bus. */
export function timelineBus(): TimelineEventBus {
  globalForBus.firebreakTimelineBus ??= new TimelineEventBus();
  return globalForBus.firebreakTimelineBus;
}
