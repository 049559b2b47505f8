// One thread of live-stream subscribers (bench/stream-subscribers.ts): opens its share of the
// streams, notes when each note arrives at each, and reports the arrivals when asked.
import net from "node:net";
import { parentPort, workerData } from "node:worker_threads";

export type TSubscriberThreadData = { incidentId: string; after: string; arrivingAtOnce: number; subscribers: { baseUrl: string; token: string }[] };
export type TSubscriberThreadMessage = { type: "live" } | { type: "failed"; message: string } | { type: "arrivals"; arrivals: Record<string, number>[] };

const { incidentId, after, arrivingAtOnce, subscribers } = workerData as TSubscriberThreadData;
// Milliseconds on the clock every thread of the process shares.
const now = () => performance.timeOrigin + performance.now();

/**
 * Opens a stream over a plain socket (a browser's reading costs the server nothing, and the
 * benchmark's own reading must cost as little as it can); resolves once its replay is over and
 * entries arrive live. A marker cut between two reads is found across the cut.
 */
function subscribe(baseUrl: string, token: string): Promise<{ socket: net.Socket; arrivals: Record<string, number> }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const arrivals: Record<string, number> = {};
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      socket.write(`GET /api/incidents/${incidentId}/events?after=${after} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    });
    let answered = false;
    let tail = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      const arrivedAt = now();
      const text = tail + chunk;
      tail = text.slice(-64);
      if (!answered) {
        answered = true;
        if (!text.startsWith("HTTP/1.1 200")) reject(new Error(`stream answered ${text.slice(0, 12)}`));
      }
      if (text.includes(": live")) resolve({ socket, arrivals });
      for (let at = text.indexOf('"body":"note-'); at !== -1; at = text.indexOf('"body":"note-', at + 1)) {
        const note = /^\d+/.exec(text.slice(at + 13, at + 23))?.[0];
        if (note !== undefined && arrivals[note] === undefined) arrivals[note] = arrivedAt;
      }
    });
    socket.on("error", reject);
  });
}

const port = parentPort as NonNullable<typeof parentPort>;
const opened: Awaited<ReturnType<typeof subscribe>>[] = [];
try {
  for (let first = 0; first < subscribers.length; first += arrivingAtOnce) {
    const arriving = subscribers.slice(first, first + arrivingAtOnce);
    opened.push(...(await Promise.all(arriving.map((subscriber) => subscribe(subscriber.baseUrl, subscriber.token)))));
  }
  port.postMessage({ type: "live" } satisfies TSubscriberThreadMessage);
} catch (error) {
  port.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) } satisfies TSubscriberThreadMessage);
}
port.once("message", () => {
  for (const subscriber of opened) subscriber.socket.destroy();
  port.postMessage({ type: "arrivals", arrivals: opened.map((subscriber) => subscriber.arrivals) } satisfies TSubscriberThreadMessage);
});
