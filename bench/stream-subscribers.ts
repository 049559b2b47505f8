// Live-stream subscribers for the fan-out benchmarks (sse-fanout, scaling): people with an incident's
// room open, each a stream of its own, and the time each note takes to reach each of them. The
// streams are read over plain sockets in worker threads (BENCH_SUBSCRIBER_THREADS, 2 unless set),
// not through Node's HTTP client on the thread that writes the notes: read that way, 5,000 streams
// took the reader longer than the server took to write them, and the figure was the reader's.
import { Worker } from "node:worker_threads";
import type { TSubscriberThreadData, TSubscriberThreadMessage } from "./stream-subscriber-thread";

const ARRIVING_AT_ONCE = 50;
const THREADS = Number(process.env.BENCH_SUBSCRIBER_THREADS ?? 2);

export type TSubscribers = { threads: Worker[] };

const nextMessage = (thread: Worker) =>
  new Promise<TSubscriberThreadMessage>((resolve, reject) => {
    thread.once("message", resolve);
    thread.once("error", reject);
  });

/**
 * Opens `count` streams of one incident, 50 at a time (people opening the room after a page):
 * subscriber `index` connects to `baseUrlOf(index)` with `tokenOf(index)`.
 */
export async function openSubscribers(options: {
  count: number;
  incidentId: string;
  after: bigint;
  baseUrlOf: (index: number) => string;
  tokenOf: (index: number) => string;
}): Promise<TSubscribers> {
  const threadCount = Math.max(1, Math.min(THREADS, options.count));
  const shares = Array.from({ length: threadCount }, () => [] as TSubscriberThreadData["subscribers"]);
  for (let index = 0; index < options.count; index++) shares[index % threadCount]?.push({ baseUrl: options.baseUrlOf(index), token: options.tokenOf(index) });
  const thread = new URL("./stream-subscriber-thread.ts", import.meta.url).href;
  const threads = shares.map(
    (subscribers) =>
      new Worker(`import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(thread)}, ${JSON.stringify(import.meta.url)}))`, {
        eval: true,
        workerData: {
          incidentId: options.incidentId,
          after: options.after.toString(),
          arrivingAtOnce: Math.ceil(ARRIVING_AT_ONCE / threadCount),
          subscribers,
        } satisfies TSubscriberThreadData,
      }),
  );
  const opened = await Promise.all(threads.map(nextMessage));
  const failed = opened.find((message) => message.type === "failed");
  if (failed?.type === "failed") {
    await closeSubscribers({ threads });
    throw new Error(failed.message);
  }
  return { threads };
}

/** Closes every stream: the arrivals each subscriber saw, note by note (milliseconds on the process's clock). */
export async function closeSubscribers({ threads }: TSubscribers): Promise<Record<string, number>[]> {
  const reports = await Promise.all(
    threads.map(async (thread) => {
      const report = nextMessage(thread);
      thread.postMessage("close");
      const message = await report.catch(() => null);
      await thread.terminate();
      return message?.type === "arrivals" ? message.arrivals : [];
    }),
  );
  return reports.flat();
}

/**
 * Writes `notes` notes 200 ms apart with `writeNote` ("note-0", "note-1" …), waits a second for
 * the last to arrive, and closes the streams: each note's time from the start of its write to its
 * arrival at each subscriber, and how many arrivals are missing.
 */
export async function timeNotes(subscribers: TSubscribers, notes: number, writeNote: (body: string) => Promise<unknown>) {
  const sentAt = new Map<string, number>();
  for (let note = 0; note < notes; note++) {
    sentAt.set(String(note), performance.timeOrigin + performance.now());
    await writeNote(`note-${note}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const latencies: number[] = [];
  let missing = 0;
  for (const arrivals of await closeSubscribers(subscribers)) {
    for (const [note, sent] of sentAt) {
      const arrived = arrivals[note];
      if (arrived === undefined) missing++;
      else latencies.push(arrived - sent);
    }
  }
  return { latencies, missing };
}

export const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;
