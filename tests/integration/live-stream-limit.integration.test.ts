import { afterAll, beforeAll, expect, it } from "vitest";
import { GET as eventsRoute } from "@/app/api/events/route";
import { GET as incidentEventsRoute } from "@/app/api/incidents/[ref]/events/route";
import { declareIncident } from "@/lib/incidents/service";
import { routeParams } from "@/lib/testing/api-request";
import { createTestUserWithToken } from "@/lib/testing/factories";
import { MAX_LIVE_STREAMS_PER_USER } from "@/lib/timeline/stream-slots";

type TCaller = Awaited<ReturnType<typeof createTestUserWithToken>>;
type TOpenStream = { request: Request; response: Response; close(): Promise<void>; cleanUp(): Promise<void> };

let heavy: TCaller;
let other: TCaller;
let incidentId: string;
const opened: TOpenStream[] = [];

beforeAll(async () => {
  [heavy, other] = await Promise.all([createTestUserWithToken("viewer"), createTestUserWithToken("responder")]);
  incidentId = (await declareIncident(other.actor, { title: "Streams per user", severity: "SEV4", serviceIds: [], summary: "" })).id;
});

afterAll(async () => {
  await Promise.all(opened.map((stream) => stream.cleanUp()));
});

/** A client's GET of a live stream; closing it disconnects, as a closed tab does, and waits for the stream to end. */
async function openStream(caller: TCaller, incident?: string): Promise<TOpenStream> {
  const disconnect = new AbortController();
  const path = incident ? `/api/incidents/${incident}/events` : "/api/events";
  const request = new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${caller.token}` }, signal: disconnect.signal });
  const response = incident ? await incidentEventsRoute(request, routeParams({ ref: incident })) : await eventsRoute(request, routeParams({} as Record<string, never>));
  const reader = response.status === 200 ? response.body?.getReader() : undefined;
  const stream = {
    // Held: the request's signal follows `disconnect` only while the request itself is alive (undici keeps a weak reference).
    request,
    response,
    async close() {
      disconnect.abort();
      // The server side ends the stream once it sees the disconnect.
      while (reader && !(await reader.read().catch(() => ({ done: true }))).done);
    },
    cleanUp: async () => reader?.cancel(),
  };
  opened.push(stream);
  return stream;
}

it(`holds each user to ${MAX_LIVE_STREAMS_PER_USER} open live streams, without touching anyone else's, and frees a slot when one closes`, async () => {
  const streams: TOpenStream[] = [];
  for (let index = 0; index < MAX_LIVE_STREAMS_PER_USER; index++) streams.push(await openStream(heavy, index % 2 === 0 ? undefined : incidentId));
  for (const stream of streams) expect(stream.response.status).toBe(200);

  for (const refused of [await openStream(heavy), await openStream(heavy, incidentId)]) {
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers.get("retry-after")).toBe("30");
    expect(await refused.response.json()).toEqual({
      error: "too_many_streams",
      message: `You already have ${MAX_LIVE_STREAMS_PER_USER} live streams open, the most one user may; close one (a tab showing an incident or the incident list) and try again`,
    });
  }

  expect((await openStream(other)).response.status).toBe(200);
  expect((await openStream(other, incidentId)).response.status).toBe(200);

  await streams[1]?.close();
  expect((await openStream(heavy, incidentId)).response.status).toBe(200);
  expect((await openStream(heavy)).response.status).toBe(429);
});
