import { IncomingMessage, type ServerResponse } from "node:http";
import { requestBodyLimit } from "./body-limits";

// After answering a request whose body is still coming, the connection stays open this long so the
// answer reaches the sender before the connection is closed under it.
const LINGER_MS = 2_000;

/**
 * A request whose body is cut off at its limit as it streams in, so that no handler can read more
 * of it into memory, whatever it calls (`request.json()` included). Node's HTTP parser hands each
 * piece of the body to `push`; past the limit the body ends for whoever reads it — one byte over, so
 * the handler sees that it is too large and answers 413 — and the rest is never read: returning
 * false stops reading from the socket.
 */
export class BodyLimitedRequest extends IncomingMessage {
  private bodyLimit: number | null = null;
  private bodyBytes = 0;
  private cutOff = false;

  /** Called as the request arrives, before any of its body. */
  limitBody(limit: number) {
    this.bodyLimit = limit;
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (this.cutOff) return false;
    if (this.bodyLimit === null || !(chunk instanceof Uint8Array)) return super.push(chunk, encoding);
    this.bodyBytes += chunk.byteLength;
    if (this.bodyBytes <= this.bodyLimit) return super.push(chunk);
    this.cutOff = true;
    super.push(chunk.subarray(0, chunk.byteLength - (this.bodyBytes - this.bodyLimit - 1)));
    super.push(null);
    return false;
  }

  // Whoever reads a cut-off body to its end destroys the request (Node's stream iterator does), and
  // destroying a request whose body has not all arrived destroys its connection: the answer would
  // never be sent. The connection is closed after the answer instead (guardRequestBody).
  override _destroy(error: Error | null, callback: (error?: Error | null) => void) {
    if (!this.cutOff) return super._destroy(error, callback);
    callback(error && this.listenerCount("error") > 0 ? error : null);
  }
}

/**
 * Limits the request's body to what its route may take (lib/http/body-limits.ts). When the answer
 * goes out before the whole body has arrived (a 413, or a 401 that never read it), the connection is
 * closed once the answer is out, instead of Node reading and discarding the rest to keep it alive.
 */
export function guardRequestBody(request: BodyLimitedRequest, response: ServerResponse) {
  request.limitBody(requestBodyLimit((request.url ?? "/").split("?")[0] as string));
  response.once("finish", () => {
    if (request.complete) return;
    const socket = request.socket;
    socket.pause();
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}
