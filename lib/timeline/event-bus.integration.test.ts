import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { declareIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { timelineBus, type TTimelineBusEvent } from "./event-bus";
import { timelineEntriesByIds } from "./queries";
import { appendTimelineEntries } from "./service";

// The real query, counted: how often the bus fetches, and what.
vi.mock("./queries", async (original) => {
  const queries = await original<typeof import("./queries")>();
  return { ...queries, timelineEntriesByIds: vi.fn(queries.timelineEntriesByIds) };
});

let responder: TActor;

beforeAll(async () => {
  responder = await createTestUser("responder");
});

const notes = (incidentId: string, bodies: string[]) =>
  db().$transaction((tx) =>
    appendTimelineEntries(
      tx,
      bodies.map((body) => ({ incidentId, kind: "note" as const, actorId: responder.id, occurredAt: new Date(), body })),
    ),
  );

/** Notes the bus hands to a subscriber of `incidentId`, until `count` have come (the incident's other entries, such as its declaration, may come late). */
function entriesHeard(incidentId: string, count: number) {
  const heard: string[] = [];
  let unsubscribe = () => {};
  const done = new Promise<string[]>((resolve) => {
    unsubscribe = timelineBus().subscribe(incidentId, (event: TTimelineBusEvent) => {
      if (event.type !== "entry" || event.entry.kind !== "note") return;
      heard.push(event.entry.body);
      if (heard.length === count) resolve(heard);
    });
  });
  return done.finally(unsubscribe);
}

describe("the timeline bus", () => {
  it("hands out every entry of a burst once and in order, fetching them together rather than one by one", async () => {
    const incident = await declareIncident(responder, { title: "Burst", severity: "SEV3", serviceIds: [], summary: "" });
    await timelineBus().ready();
    const bodies = Array.from({ length: 30 }, (_, index) => `burst ${index}`);
    const heard = entriesHeard(incident.id, bodies.length);
    vi.mocked(timelineEntriesByIds).mockClear();
    await notes(incident.id, bodies);
    expect(await heard).toEqual(bodies);
    // All 30 are announced together at the commit: one fetch for the first, one for the rest.
    const fetches = vi.mocked(timelineEntriesByIds).mock.calls.length;
    expect(fetches).toBeGreaterThan(0);
    expect(fetches).toBeLessThan(bodies.length);
  });

  it("does not fetch an entry of an incident nobody here watches", async () => {
    const watched = await declareIncident(responder, { title: "Watched", severity: "SEV3", serviceIds: [], summary: "" });
    const unwatched = await declareIncident(responder, { title: "Unwatched", severity: "SEV3", serviceIds: [], summary: "" });
    await timelineBus().ready();
    const heard = entriesHeard(watched.id, 1);
    vi.mocked(timelineEntriesByIds).mockClear();
    await notes(unwatched.id, ["nobody reads this", "nor this"]);
    // Announcements arrive in commit order on one connection: once the watched entry is heard, the
    // unwatched ones were announced before it.
    await notes(watched.id, ["read by the room"]);
    expect(await heard).toEqual(["read by the room"]);
    const fetched = (await db().timelineEntry.findMany({ where: { incidentId: unwatched.id }, select: { id: true } })).map((entry) => entry.id);
    const asked = vi.mocked(timelineEntriesByIds).mock.calls.flatMap(([ids]) => ids);
    expect(asked.filter((id) => fetched.includes(id))).toEqual([]);
  });
});
