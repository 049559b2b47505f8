import { once } from "node:events";
import http, { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainStreamFor, serveTimelineStream } from "@/lib/incidents/plain-streams";
import { addIncidentNote, declareIncident } from "@/lib/incidents/service";
import { createTestUserWithToken } from "@/lib/testing/factories";
import { MAX_LIVE_STREAMS_PER_USER } from "@/lib/timeline/stream-slots";

// The live streams as the server answers them, outside Next (server.ts): the route handlers' own
// answers (sign-in, resumption, live entries) written to the connection, ended cleanly when the
// server ends them, and given up (slot and presence) when the viewer goes away.

type TCaller = Awaited<ReturnType<typeof createTestUserWithToken>>;

let server: Server;
let origin: string;
let responder: TCaller;
let incident: { id: string; number: number };
const streamResponses = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const route = plainStreamFor(request);
    if (!route) return void response.writeHead(418).end("for Next");
    streamResponses.add(response);
    response.once("close", () => streamResponses.delete(response));
    void serveTimelineStream(request, response, route);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  responder = await createTestUserWithToken("responder");
  incident = await declareIncident(responder.actor, { title: "Streamed outside Next", severity: "SEV3", serviceIds: [], summary: "" });
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** Opens a stream with Node's client (as a proxy or browser holds it); `text` grows as events arrive, `ended` says how it ended. */
function openStream(path: string, token = responder.token) {
  let text = "";
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: () => string; ended: Promise<string>; close: () => void }>(
    (resolve, reject) => {
      const request = http.get(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } }, (response) => {
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        const ended = new Promise<string>((done) => {
          response.on("end", () => done("ended"));
          response.on("error", (error) => done(`failed: ${error.message}`));
          response.on("aborted", () => done("aborted"));
        });
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text: () => text, ended, close: () => request.destroy() });
      });
      request.on("error", reject);
    },
  );
}

const until = async (condition: () => boolean) => {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe("live streams outside Next", () => {
  it("stream an incident's timeline, live, with the API's headers", async () => {
    const stream = await openStream(`/api/incidents/INC-${incident.number}/events`);
    expect(stream.status).toBe(200);
    expect(stream.headers).toMatchObject({
      "content-type": "text/event-stream; charset=utf-8",
      "x-accel-buffering": "no",
      "x-content-type-options": "nosniff",
    });
    await until(() => stream.text().includes(": live"));

    await addIncidentNote(responder.actor, incident.id, "Seen through the plain stream");
    await until(() => stream.text().includes("Seen through the plain stream"));
    stream.close();
  });

  it("answer a stream without a session as the route does: 401 in JSON", async () => {
    const stream = await openStream("/api/events", "not-a-token");
    expect(stream.status).toBe(401);
    await stream.ended;
    expect(JSON.parse(stream.text())).toMatchObject({ error: "unauthenticated" });
  });

  it("end cleanly when the server ends the stream (shutdown), at an event boundary", async () => {
    const stream = await openStream("/api/events");
    await until(() => stream.text().includes(": live"));
    // The launcher finds open streams by their content type and ends them (server.ts, "end live streams").
    const open = [...streamResponses].filter((response) => String(response.getHeader("content-type")).startsWith("text/event-stream"));
    expect(open.length).toBeGreaterThan(0);
    for (const response of open) response.end();
    expect(await stream.ended).toBe("ended");
  });

  it("give the viewer's slot back when the viewer goes away", async () => {
    const viewer = await createTestUserWithToken("viewer");
    for (let round = 0; round < 2; round++) {
      const streams = await Promise.all(Array.from({ length: MAX_LIVE_STREAMS_PER_USER }, () => openStream("/api/events", viewer.token)));
      expect(streams.map((stream) => stream.status)).toEqual(Array.from({ length: MAX_LIVE_STREAMS_PER_USER }, () => 200));
      await until(() => streams.every((stream) => stream.text().includes(": live")));
      expect((await openStream("/api/events", viewer.token)).status).toBe(429);
      for (const stream of streams) stream.close();
      // Every slot is free again once the server has seen the disconnects: the next round opens as many.
      await until(() => streamResponses.size === 0);
    }
  });

  it.each([
    ["POST", "/api/events"],
    ["GET", "/api/incidents/INC%2D1/events"],
    ["GET", "/api/incidents/INC-1/events/extra"],
  ])("leave %s %s to Next", async (method, path) => {
    const response = await fetch(`${origin}${path}`, { method });
    expect(response.status).toBe(418);
  });
});
