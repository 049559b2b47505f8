import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BodyLimitedRequest, guardRequestBody } from "./body-guard";
import { MAX_JSON_BYTES } from "./body-limits";

// A handler that reads whatever body it is given to the end, as next-auth's sign-in does: the
// guard alone keeps it from holding more than the limit.
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer({ IncomingMessage: BodyLimitedRequest }, (request, response) => {
    guardRequestBody(request, response);
    void (async () => {
      let bytes = 0;
      for await (const chunk of request) bytes += (chunk as Buffer).byteLength;
      response.end(JSON.stringify({ bytes }));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Streams `total` bytes, chunked; resolves with what the handler saw and how much had been sent by then. */
function post(path: string, total: number): Promise<{ bytes: number; sentWhenAnswered: number; connection: "closed" | "open" }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers: { "transfer-encoding": "chunked" } });
    const closed = new Promise<"closed">((resolveClosed) => request.once("socket", (socket) => socket.once("close", () => resolveClosed("closed"))));
    request.on("response", (response) => {
      answered = true;
      const sentWhenAnswered = sent;
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk));
      response.on("end", () => {
        const result = (connection: "closed" | "open") => resolve({ bytes: JSON.parse(text).bytes, sentWhenAnswered, connection });
        if (sent < total) void closed.then(result);
        else result("open");
      });
    });
    request.on("error", (error) => answered || reject(error));
    const piece = Buffer.alloc(64 * 1024, " ");
    const pump = () => {
      while (!answered && sent < total) {
        sent += piece.length;
        if (!request.write(piece)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

describe("guardRequestBody", () => {
  it("ends a chunked body one byte past the limit, answers before the rest is sent, and closes that connection", async () => {
    const total = 50 * 1024 * 1024;
    const answer = await post("/api/tokens", total);
    expect(answer.bytes).toBe(MAX_JSON_BYTES + 1);
    expect(answer.sentWhenAnswered).toBeLessThan(total);
    expect(answer.connection).toBe("closed");
  });

  it("passes a body within the limit whole, and keeps serving", async () => {
    expect(await post("/api/tokens", 4 * 64 * 1024)).toEqual({ bytes: 4 * 64 * 1024, sentWhenAnswered: 4 * 64 * 1024, connection: "open" });
  });
});
