// Live-stream subscribers for the fan-out benchmarks (sse-fanout, scaling): people with an incident's
// room open, each a stream of its own, and the time each note takes to reach each of them.
import http from "node:http";

const ARRIVING_AT_ONCE = 50;

export type TSubscriber = { request: http.ClientRequest; arrivals: Map<string, number> };

/** Opens a stream at `baseUrl`; resolves once its replay is over and entries arrive live. */
function subscribe(baseUrl: string, agent: http.Agent, incidentId: string, after: bigint, token: string): Promise<TSubscriber> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const arrivals = new Map<string, number>();
    const request = http.get(
      { host: hostname, port, agent, path: `/api/incidents/${incidentId}/events?after=${after}`, headers: { authorization: `Bearer ${token}` } },
      (response) => {
        if (response.statusCode !== 200) reject(new Error(`stream answered ${response.statusCode}`));
        let buffered = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          const now = performance.now();
          buffered += chunk;
          const blocks = buffered.split("\n\n");
          buffered = blocks.pop() ?? "";
          for (const block of blocks) {
            if (block.startsWith(": live")) resolve({ request, arrivals });
            const marker = /"body":"note-(\d+)"/.exec(block);
            if (marker?.[1]) arrivals.set(marker[1], now);
          }
        });
      },
    );
    request.on("error", reject);
  });
}

/**
 * Opens `count` streams of one incident, 50 at a time (people opening the room after a page):
 * subscriber `index` connects to `baseUrlOf(index)` with `tokenOf(index)`.
 */
export async function openSubscribers(options: {
  count: number;
  agent: http.Agent;
  incidentId: string;
  after: bigint;
  baseUrlOf: (index: number) => string;
  tokenOf: (index: number) => string;
}): Promise<TSubscriber[]> {
  const subscribers: TSubscriber[] = [];
  for (let first = 0; first < options.count; first += ARRIVING_AT_ONCE) {
    const arriving = Array.from({ length: Math.min(ARRIVING_AT_ONCE, options.count - first) }, (_, offset) => first + offset);
    subscribers.push(
      ...(await Promise.all(
        arriving.map((index) => subscribe(options.baseUrlOf(index), options.agent, options.incidentId, options.after, options.tokenOf(index))),
      )),
    );
  }
  return subscribers;
}

/**
 * Writes `notes` notes 200 ms apart with `writeNote` ("note-0", "note-1" …), waits a second for
 * the last to arrive, and closes the streams: each note's time from the start of its write to its
 * arrival at each subscriber, and how many arrivals are missing.
 */
export async function timeNotes(subscribers: TSubscriber[], notes: number, writeNote: (body: string) => Promise<unknown>) {
  const sentAt = new Map<string, number>();
  for (let note = 0; note < notes; note++) {
    sentAt.set(String(note), performance.now());
    await writeNote(`note-${note}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const latencies: number[] = [];
  let missing = 0;
  for (const subscriber of subscribers) {
    for (const [note, sent] of sentAt) {
      const arrived = subscriber.arrivals.get(note);
      if (arrived === undefined) missing++;
      else latencies.push(arrived - sent);
    }
    subscriber.request.destroy();
  }
  return { latencies, missing };
}

export const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;
