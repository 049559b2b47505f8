import type { IncomingMessage, ServerResponse } from "node:http";
import { EVERY_RESPONSE_HEADERS } from "@/lib/http/security-headers";
import { writeTimelineStreamTo } from "@/lib/timeline/stream";
import { allIncidentsEventsRoute, incidentEventsRoute } from "./live-stream-routes";

// The live timeline streams (Server-Sent Events) answered by the server itself, before Next: an idle
// stream held about 80 KiB of the server's heap in Next's per-request state, 20 KiB without it
// (bench:fanout), and a process holds thousands of them. The route handlers themselves answer (sign-in, permission,
// presence, stream slots, resumption): only Next's layer around them is skipped (decision 027).

type TStreamRoute = (request: Request) => Promise<Response>;

// Only a reference or id as Firebreak writes them: a segment with %-escapes goes to Next, as it always did.
const INCIDENT_STREAM = /^\/api\/incidents\/([A-Za-z0-9_-]+)\/events$/;

/** The stream route for this request, or null for Next to route it. */
export function plainStreamFor(request: IncomingMessage): TStreamRoute | null {
  if (request.method !== "GET" || !request.url) return null;
  const path = request.url.split("?")[0] as string;
  if (path === "/api/events") return (webRequest) => allIncidentsEventsRoute(webRequest, { params: Promise.resolve({}) });
  const ref = INCIDENT_STREAM.exec(path)?.[1];
  return ref === undefined ? null : (webRequest) => incidentEventsRoute(webRequest, { params: Promise.resolve({ ref }) });
}

const framedChunks = new WeakMap<Uint8Array, Buffer>();

/** `bytes` as one chunk of a chunked response (RFC 9112 §7.1), kept while the bytes are. */
function framedChunk(bytes: Uint8Array): Buffer {
  let framed = framedChunks.get(bytes);
  if (!framed) {
    framed = Buffer.concat([Buffer.from(`${bytes.byteLength.toString(16)}\r\n`, "latin1"), bytes, Buffer.from("\r\n", "latin1")]);
    framedChunks.set(bytes, framed);
  }
  return framed;
}

/** Answers a live stream: the route's Response, written to the connection until either side ends it. */
export async function serveTimelineStream(request: IncomingMessage, response: ServerResponse, route: TStreamRoute): Promise<void> {
  const closed = new AbortController();
  response.once("close", () => closed.abort());
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const each of value) headers.append(name, each);
  }
  // The routes read the path and query from the URL, and the host (for same-origin checks) from the Host header.
  const answer = await route(new Request(new URL(request.url ?? "/", "http://localhost"), { headers, signal: closed.signal }));
  // Set one by one, not passed to writeHead: the launcher finds open streams by getHeader("content-type") to end them at shutdown.
  for (const [name, value] of [...Object.entries(EVERY_RESPONSE_HEADERS), ...answer.headers]) response.setHeader(name, value);
  response.writeHead(answer.status);
  // Headers out at once: the browser's EventSource opens (and the room shows it live) before the first entry.
  response.flushHeaders();
  if (!answer.body) {
    response.end();
    return;
  }
  const { socket } = response;
  const sent = writeTimelineStreamTo(answer.body, {
    write: (bytes) => {
      if (response.writableEnded || response.destroyed) return;
      // Straight to the socket, framed as a chunk once for every stream that sends these bytes:
      // the response's own write frames each chunk again and puts off the system call to a tick
      // of its own, per stream (decision 030).
      if (socket && response.chunkedEncoding) socket.write(framedChunk(bytes));
      else response.write(bytes);
    },
    close: () => {
      if (!response.writableEnded) response.end();
    },
  });
  if (sent) return;
  const reader = answer.body.getReader();
  closed.signal.addEventListener("abort", () => void reader.cancel().catch(() => {}), { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || response.writableEnded || response.destroyed) break;
      if (!response.write(value)) await new Promise((resolve) => response.once("drain", resolve).once("close", resolve));
    }
  } catch {
    // The stream failed or was cancelled: the connection ends, and the browser reconnects.
  }
  if (!response.writableEnded) response.end();
}
