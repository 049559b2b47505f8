import { EventEmitter } from "node:events";
import { NotificationListener } from "@/lib/db/listener";
import { timelineEntriesByIds, type TStreamEntry } from "./queries";

const CHANNEL = "firebreak_timeline";
const PRESENCE_CHANNEL = "firebreak_presence";
const ALL_INCIDENTS = "*";
const PRESENCE_COALESCE_MS = 500;
const FETCH_RETRY_MS = 1_000;
const FETCH_ATTEMPTS = 5;

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
 * An entry nobody here watches (its incident, or every incident) is not fetched at all; the entries
 * announced while a fetch runs are fetched together by the next one. An alert storm writes a dozen
 * entries for each incident it opens: fetched one by one, with the incident list open somewhere,
 * they took a third of the server's time for new incidents (decision 030).
 */
class TimelineEventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly listener = new NotificationListener([CHANNEL, PRESENCE_CHANNEL], {
    notification: (channel, payload) => {
      if (channel === PRESENCE_CHANNEL && payload) this.presenceChanged(payload);
      else if (payload) this.announced(payload);
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

  private readonly toFetch = new Set<bigint>();
  private fetching = false;

  private announced(payload: string) {
    const { id, incidentId } = JSON.parse(payload) as { id: string; incidentId: string };
    if (this.emitter.listenerCount(incidentId) === 0 && this.emitter.listenerCount(ALL_INCIDENTS) === 0) return;
    this.toFetch.add(BigInt(id));
    void this.fetchAnnounced();
  }

  /** One fetch at a time, of every entry announced until it starts: each is handed out in id order. */
  private async fetchAnnounced() {
    if (this.fetching) return;
    this.fetching = true;
    let failedFetches = 0;
    try {
      while (this.toFetch.size > 0) {
        const ids = [...this.toFetch];
        this.toFetch.clear();
        let entries: TStreamEntry[];
        try {
          entries = await timelineEntriesByIds(ids);
          failedFetches = 0;
        } catch (error) {
          // Tried again shortly, with whatever was announced meanwhile: a stream that got a later
          // entry first would never replay these (it resumes after the newest it was sent). A fetch
          // that keeps failing gives them up, loudly, rather than holding up every entry after them.
          failedFetches += 1;
          if (failedFetches > FETCH_ATTEMPTS) {
            console.warn(
              `[timeline] could not fetch ${ids.length} announced entries (${error instanceof Error ? error.message : String(error)}); a live stream shows them only once its page is reloaded`,
            );
            failedFetches = 0;
            continue;
          }
          for (const id of ids) this.toFetch.add(id);
          await new Promise((resolve) => setTimeout(resolve, FETCH_RETRY_MS).unref());
          continue;
        }
        for (const entry of entries) {
          const event: TTimelineBusEvent = { type: "entry", entry };
          this.emitter.emit(entry.incidentId, event);
          this.emitter.emit(ALL_INCIDENTS, event);
        }
      }
    } finally {
      this.fetching = false;
    }
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
