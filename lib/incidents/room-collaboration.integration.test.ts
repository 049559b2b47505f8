import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { createTestUser } from "@/lib/testing/factories";
import { enterIncidentRoom, peopleInIncidentRoom, PRESENCE_TTL_MS } from "./presence";
import { getIncidentRoom } from "./queries";
import { acknowledgeRoleHandoff, addIncidentNote, assignIncidentRole, declareIncident, markKeyEvent } from "./service";

let ben: TActor;
let chen: TActor;

beforeAll(async () => {
  [ben, chen] = await Promise.all([createTestUser("responder", "Ben"), createTestUser("responder", "Chen")]);
});

describe("handoffs", () => {
  it("stay pending until the incoming holder acknowledges them, on the record", async () => {
    const incident = await declareIncident(ben, { title: "Handoff acknowledgement", severity: "SEV2", serviceIds: [], summary: "" });
    expect((await getIncidentRoom(incident.id))?.activeRoles[0]?.acknowledgedAt).not.toBeNull();

    await assignIncidentRole(ben, incident.id, { role: "commander", userId: chen.id });
    const pending = (await getIncidentRoom(incident.id))?.activeRoles.find((assignment) => assignment.role === "commander");
    expect(pending?.user.id).toBe(chen.id);
    expect(pending?.acknowledgedAt).toBeNull();

    await expect(acknowledgeRoleHandoff(ben, incident.id, "commander")).rejects.toMatchObject({ status: 403 });
    await acknowledgeRoleHandoff(chen, incident.id, "commander");
    await acknowledgeRoleHandoff(chen, incident.id, "commander");
    const room = await getIncidentRoom(incident.id);
    expect(room?.activeRoles.find((assignment) => assignment.role === "commander")?.acknowledgedAt).not.toBeNull();
    expect(room?.timeline.filter((entry) => entry.kind === "role_acknowledged")).toHaveLength(1);
  });
});

describe("key events", () => {
  it("mark an entry, recording the marking, and can be undone", async () => {
    const incident = await declareIncident(ben, { title: "Key events", severity: "SEV3", serviceIds: [], summary: "" });
    const note = await addIncidentNote(ben, incident.id, "Mitigation applied: traffic drained from eu-west-1");
    await markKeyEvent(chen, incident.id, note.id, true);
    await markKeyEvent(chen, incident.id, note.id, true);
    expect((await db().timelineEntry.findUniqueOrThrow({ where: { id: note.id } })).keyEvent).toBe(true);
    await markKeyEvent(chen, incident.id, note.id, false);
    const markings = await db().timelineEntry.findMany({ where: { incidentId: incident.id, kind: "key_event_marked" }, orderBy: { id: "asc" } });
    expect(markings.map((entry) => (entry.detail as { keyEvent: boolean }).keyEvent)).toEqual([true, false]);
  });
});

describe("presence", () => {
  it("lists each person with the room open once, and forgets streams that stopped refreshing", async () => {
    const incident = await declareIncident(ben, { title: "Presence", severity: "SEV3", serviceIds: [], summary: "" });
    const benTab = await enterIncidentRoom(incident.id, ben.id);
    const benOtherTab = await enterIncidentRoom(incident.id, ben.id);
    const chenTab = await enterIncidentRoom(incident.id, chen.id);
    expect((await peopleInIncidentRoom(incident.id)).map((person) => person.name)).toEqual(["Ben", "Chen"]);
    await chenTab.leave();
    await benTab.leave();
    expect((await peopleInIncidentRoom(incident.id)).map((person) => person.name)).toEqual(["Ben"]);
    expect(await peopleInIncidentRoom(incident.id, new Date(Date.now() + PRESENCE_TTL_MS + 1_000))).toEqual([]);
    await benOtherTab.leave();
  });

  it("keeps a viewer whose stream is handed over to its reconnection, until the handover runs out", async () => {
    const incident = await declareIncident(ben, { title: "Handover", severity: "SEV3", serviceIds: [], summary: "" });
    const rotating = await enterIncidentRoom(incident.id, chen.id, new Date(), 200);
    rotating.handOver();
    expect((await peopleInIncidentRoom(incident.id)).map((person) => person.name)).toEqual(["Chen"]);
    await vi.waitFor(async () => expect(await peopleInIncidentRoom(incident.id)).toEqual([]), { timeout: 5_000, interval: 50 });
  });
});
