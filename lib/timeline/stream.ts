import { serverEnv } from "@/lib/env/server-env";
import { timelineBus } from "./event-bus";
import { readTimelineEvent } from "./entry-details";
import { timelineEntriesAfter, type TStreamEntry } from "./queries";
import { encodeSseEvent, SSE_HEARTBEAT } from "./sse";
import type { TStreamSlot } from "./stream-slots";

const HEARTBEAT_MS = 15_000;
const RECONNECT_AFTER_MS = 2_000;

// The detail lets a page apply a change (a new status, severity, key event) to what it shows without re-reading it.
const present = (entry: TStreamEntry) => ({
  id: entry.id.toString(),
  incidentId: entry.incidentId,
  kind: entry.kind,
  occurredAt: entry.occurredAt.toISOString(),
  actor: entry.actor.name,
  actorId: entry.actor.id,
  body: entry.body,
  detail: readTimelineEvent(entry).detail,
  keyEvent: entry.keyEvent,
  edited: entry.editedAt !== null,
});

// An entry reaches every open stream as one object from the bus (lib/timeline/event-bus.ts): it is
// encoded once, and the same bytes go to every stream that sends it under its own id (thousands of
// viewers of one incident otherwise encode each note thousands of times).
const encoder = new TextEncoder();
const encodedEntries = new WeakMap<TStreamEntry, Uint8Array>();

function encodedEntry(entry: TStreamEntry, eventId: bigint): Uint8Array {
  const encode = () => encoder.encode(encodeSseEvent({ id: eventId.toString(), event: "timeline", data: present(entry) }));
  if (eventId !== entry.id) return encode();
  let bytes = encodedEntries.get(entry);
  if (!bytes) {
    bytes = encode();
    encodedEntries.set(entry, bytes);
  }
  return bytes;
}

export type TStreamPresence = {
  heartbeat(): Promise<void>;
  /** the viewer closed the stream: gone from the room now */
  leave(): Promise<void>;
  /** the stream ends to rotate and the browser reconnects: gone only if it does not come back */
  handOver(): void;
};

export type TTimelineStreamRequest = {
  /** one incident's timeline, or every incident's when null */
  incidentId: string | null;
  afterId: bigint;
  signal: AbortSignal;
  presence?: TStreamPresence;
  slot?: TStreamSlot;
  /**
   * The stream ends after this long and the browser reconnects (resuming by Last-Event-ID), so that
   * long-lived connections spread again over app processes and survive proxies that cut idle or old
   * connections. FIREBREAK_STREAM_MAX_SECONDS unless given.
   */
  maxAgeMs?: number;
};

/**
 * A Server-Sent Events stream of timeline entries: first everything after `afterId` from the stored
 * timeline, then live entries from the bus. Live entries that arrive while the replay runs are held
 * back and sent after it, each entry once. With `presence`, the stream keeps its viewer's presence
 * fresh, removes it when the viewer leaves and hands it over to the browser's reconnection when the
 * stream ends to rotate; a `slot` (lib/timeline/stream-slots.ts) is released when it ends, however it ends.
 */
export function timelineEventStream({
  incidentId,
  afterId,
  signal,
  presence,
  slot,
  maxAgeMs = serverEnv().FIREBREAK_STREAM_MAX_SECONDS * 1000,
}: TTimelineStreamRequest): ReadableStream<Uint8Array> {
  let stop: (reason?: "rotating") => void = () => {};
  const output = new StreamOutput();
  const stream = new ReadableStream<Uint8Array>(
    {
      async start() {
        let closed = false;
        const sent = new Set<bigint>();
        let newest = afterId;
        const send = (text: string | Uint8Array) => {
          if (closed) return;
          try {
            output.write(typeof text === "string" ? encoder.encode(text) : text);
          } catch {
            stop();
          }
        };
        const sendEntry = (entry: TStreamEntry) => {
          // Transactions can commit out of id order, so entries are deduplicated by id rather than
          // dropped for being older than the newest one sent.
          if (sent.has(entry.id) || entry.id <= afterId) return;
          sent.add(entry.id);
          if (entry.id > newest) newest = entry.id;
          send(encodedEntry(entry, newest));
        };
        const replay = async () => {
          for (const entry of await timelineEntriesAfter(incidentId, newest)) sendEntry(entry);
        };

        let held: TStreamEntry[] | null = [];
        const unsubscribe = timelineBus().subscribe(incidentId, (event) => {
          // The browser reconnects at once and is still in the room.
          if (event.type === "lost") stop("rotating");
          else if (event.type === "resync") void replay().catch(() => stop());
          else if (event.type === "presence") send(encodeSseEvent({ event: "presence", data: {} }));
          else if (held) held.push(event.entry);
          else sendEntry(event.entry);
        });
        const heartbeat = setInterval(() => send(SSE_HEARTBEAT), HEARTBEAT_MS);
        // Presence refreshes at a random phase, so that streams opened together don't write together.
        let presenceTimer: ReturnType<typeof setInterval> | undefined;
        const presenceStart = presence
          ? setTimeout(() => (presenceTimer = setInterval(() => void presence.heartbeat().catch(() => {}), HEARTBEAT_MS)), Math.random() * HEARTBEAT_MS)
          : undefined;
        const maxAge = setTimeout(() => stop("rotating"), maxAgeMs);
        stop = (reason?: "rotating") => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          clearTimeout(presenceStart);
          clearInterval(presenceTimer);
          clearTimeout(maxAge);
          unsubscribe();
          slot?.release();
          if (reason === "rotating") presence?.handOver();
          else void presence?.leave().catch(() => {});
          try {
            output.close();
          } catch {
            // already closed by the client
          }
        };
        signal.addEventListener("abort", () => stop());
        if (signal.aborted) stop();

        send(`retry: ${RECONNECT_AFTER_MS}\n\n`);
        try {
          await timelineBus().ready();
          await replay();
        } catch {
          stop();
          return;
        }
        const heldBack = held.sort((a, b) => (a.id < b.id ? -1 : 1));
        held = null;
        for (const entry of heldBack) sendEntry(entry);
        // A comment (browsers ignore it) marking that what follows is live.
        send(": live\n\n");
      },
      // Read (through Next's route layer): from now on the stream's bytes go to its reader.
      pull(controller) {
        output.attach({ write: (bytes) => controller.enqueue(bytes), close: () => controller.close() });
      },
      cancel() {
        stop();
      },
    },
    // Nothing is pulled until someone reads: the plain handler writes to the socket without reading.
    { highWaterMark: 0 },
  );
  directOutputs.set(stream, (sink) => output.attach(sink));
  return stream;
}

/** Where a stream's bytes go: held until a reader or a socket takes them, then passed straight on. */
class StreamOutput {
  private held: Uint8Array[] = [];
  private ended = false;
  private sink: TStreamSink | null = null;

  write(bytes: Uint8Array) {
    if (this.sink) this.sink.write(bytes);
    else this.held.push(bytes);
  }

  close() {
    if (this.sink) this.sink.close();
    else this.ended = true;
  }

  attach(sink: TStreamSink) {
    if (this.sink) return;
    this.sink = sink;
    for (const bytes of this.held) sink.write(bytes);
    this.held = [];
    if (this.ended) sink.close();
  }
}

export type TStreamSink = { write(bytes: Uint8Array): void; close(): void };

const directOutputs = new WeakMap<ReadableStream<Uint8Array>, (sink: TStreamSink) => void>();

/**
 * Sends a timeline stream's bytes straight to `sink` (the connection's socket) instead of through
 * the ReadableStream: at thousands of viewers the web stream between the two cost about a quarter of
 * each entry's fan-out. False when `stream` is not a timeline stream; read it then.
 */
export function writeTimelineStreamTo(stream: ReadableStream<Uint8Array>, sink: TStreamSink): boolean {
  const attach = directOutputs.get(stream);
  attach?.(sink);
  return attach !== undefined;
}
