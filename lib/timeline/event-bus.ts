import { EventEmitter } from "node:events";
import { NotificationListener } from "@/lib/db/listener";
import { timelineEntryById, type TStreamEntry } from "./queries";

const CHANNEL = "firebreak_timeline";
const PRESENCE_CHANNEL = "firebreak_presence";
const ALL_INCIDENTS = "*";
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
  private readonly listener = new NotificationListener([CHANNEL, PRESENCE_CHANNEL], {
    notification: (channel, payload) => {
      if (channel === PRESENCE_CHANNEL && payload) this.presenceChanged(payload);
      else void this.deliver(payload);
    },
    lost: (reason) => {
      console.warn(`[timeline] lost the live-update connection to PostgreSQL (${reason}); live streams end and resume once it is back`);
      this.emitEverywhere({ type: "lost" });
    },
    resync: () => {
      console.warn("[timeline] live updates from PostgreSQL are back");
      this.emitEverywhere({ type: "resync" });
    },
  });

  subscribe(incidentId: string | null, listener: TListener): () => void {
    const channel = incidentId ?? ALL_INCIDENTS;
    this.emitter.on(channel, listener);
    void this.listener.ready().catch(() => {});
    return () => this.emitter.off(channel, listener);
  }

  /** Resolves once this process is LISTENing, so a subscriber may replay history without a gap. */
  ready(): Promise<void> {
    return this.listener.ready();
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
