import { EventEmitter } from "node:events";
import pg from "pg";
import { pgConnectionFields } from "@/lib/db/pg-connection";
import { timelineEntryById, type TStreamEntry } from "./queries";

const CHANNEL = "firebreak_timeline";
const PRESENCE_CHANNEL = "firebreak_presence";
const ALL_INCIDENTS = "*";
const RECONNECT_DELAY_MS = 1_000;
const PRESENCE_COALESCE_MS = 500;

export type TTimelineBusEvent = { type: "entry"; entry: TStreamEntry } | { type: "presence" } | { type: "resync" };
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
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error("DATABASE_URL is not set");
    const client = new pg.Client(pgConnectionFields(databaseUrl));
    const reconnect = () => {
      if (this.listening === null) return;
      this.listening = null;
      client.removeAllListeners();
      void client.end().catch(() => {});
      // Entries committed while we were not listening are unknown: tell every stream to catch up.
      setTimeout(() => {
        void this.ensureListening()
          .then(() => this.emitEverywhere({ type: "resync" }))
          .catch(() => setTimeout(reconnect, RECONNECT_DELAY_MS));
      }, RECONNECT_DELAY_MS);
    };
    client.on("error", reconnect);
    client.on("end", reconnect);
    client.on("notification", (message) => {
      if (message.channel === PRESENCE_CHANNEL && message.payload) this.presenceChanged(message.payload);
      else void this.deliver(message.payload);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
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
