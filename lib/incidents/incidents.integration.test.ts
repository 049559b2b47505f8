import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { db } from "@/lib/db/prisma";
import { DomainError } from "@/lib/errors";
import { createTestUser } from "@/lib/testing/factories";
import { getIncidentRoom } from "./queries";
import { addIncidentNote, assignIncidentRole, declareIncident, editIncidentNote, releaseIncidentRole, updateIncident } from "./service";

let commander: TActor;
let responders: TActor[];
let viewer: TActor;

beforeAll(async () => {
  commander = await createTestUser("responder", "Commander");
  responders = await Promise.all([1, 2, 3, 4, 5].map((n) => createTestUser("responder", `Responder ${n}`)));
  viewer = await createTestUser("viewer");
});

const timelineKinds = async (incidentId: string) =>
  (await db().timelineEntry.findMany({ where: { incidentId }, orderBy: { id: "asc" }, select: { kind: true } })).map((entry) => entry.kind);

describe("declaring", () => {
  it("makes the declarer commander and records both on the timeline", async () => {
    const incident = await declareIncident(commander, { title: "Checkout 502s", severity: "SEV1", serviceIds: [], summary: "" });
    const room = await getIncidentRoom(incident.id);
    expect(room?.status).toBe("declared");
    expect(room?.activeRoles.map((assignment) => [assignment.role, assignment.user.id])).toEqual([["commander", commander.id]]);
    expect(await timelineKinds(incident.id)).toEqual(["declared", "role_assigned"]);
  });

  it("refuses viewers and writes nothing", async () => {
    const title = `Should not exist ${randomUUID()}`;
    await expect(declareIncident(viewer, { title, severity: "SEV4", serviceIds: [], summary: "" })).rejects.toMatchObject({ status: 403 });
    expect(await db().incident.count({ where: { title } })).toBe(0);
  });

  it("rejects unknown services and impossible times", async () => {
    await expect(declareIncident(commander, { title: "Bad services", severity: "SEV3", serviceIds: ["nope"], summary: "" })).rejects.toThrow(/Unknown service/);
    const now = new Date("2026-11-24T12:00:00Z");
    await expect(
      declareIncident(commander, { title: "Future", severity: "SEV3", serviceIds: [], summary: "", startedAt: new Date("2026-11-24T13:00:00Z") }, now),
    ).rejects.toThrow(/future/);
  });
});

describe("the commander invariant", () => {
  it("cannot release the commander role; it can only be handed off", async () => {
    const incident = await declareIncident(commander, { title: "Commander stays", severity: "SEV2", serviceIds: [], summary: "" });
    await expect(releaseIncidentRole(commander, incident.id, "commander")).rejects.toMatchObject({ status: 422 });
    const room = await getIncidentRoom(incident.id);
    expect(room?.activeRoles.filter((assignment) => assignment.role === "commander")).toHaveLength(1);
  });

  it("keeps exactly one commander when several handoffs race, each recorded", async () => {
    const incident = await declareIncident(commander, { title: "Racing handoffs", severity: "SEV2", serviceIds: [], summary: "" });
    const results = await Promise.allSettled(
      responders.map((responder) => assignIncidentRole(commander, incident.id, { role: "commander", userId: responder.id })),
    );
    expect(results.every((result) => result.status === "fulfilled")).toBe(true);
    const active = await db().incidentRoleAssignment.findMany({ where: { incidentId: incident.id, role: "commander", releasedAt: null } });
    expect(active).toHaveLength(1);
    const handoffs = await db().timelineEntry.findMany({ where: { incidentId: incident.id, kind: "role_handed_off" }, orderBy: { id: "asc" } });
    expect(handoffs).toHaveLength(responders.length);
    // The chain of handoffs ends with whoever holds the role now.
    expect((handoffs.at(-1)?.detail as { toUserId: string }).toUserId).toBe(active[0]?.userId);
  });

  it("will not hand a role to a viewer", async () => {
    const incident = await declareIncident(commander, { title: "No viewer roles", severity: "SEV3", serviceIds: [], summary: "" });
    await expect(assignIncidentRole(commander, incident.id, { role: "commander", userId: viewer.id })).rejects.toThrow(/viewer/);
    expect(await timelineKinds(incident.id)).toEqual(["declared", "role_assigned"]);
  });
});

describe("changes and their timeline entries", () => {
  it("writes one entry per changed field in the transaction of the change", async () => {
    const incident = await declareIncident(commander, { title: "Several changes", severity: "SEV3", serviceIds: [], summary: "" });
    await updateIncident(commander, incident.id, { status: "investigating", severity: "SEV2", summary: "DB failover loop" });
    expect(await timelineKinds(incident.id)).toEqual(["declared", "role_assigned", "status_changed", "severity_changed", "summary_edited"]);
    const resolved = await updateIncident(commander, incident.id, { status: "resolved" });
    expect(resolved.status).toBe("resolved");
    expect(resolved.severity).toBe("SEV2");
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.mitigatedAt).not.toBeNull();
  });

  it("records a change of affected services, and nothing when they are unchanged", async () => {
    const admin = await createTestUser("admin");
    const suffix = Date.now().toString(36);
    const api = await createService(admin, { name: `API ${suffix}`, ownerTeam: "Core", description: "" });
    const web = await createService(admin, { name: `Web ${suffix}`, ownerTeam: "Core", description: "" });
    const incident = await declareIncident(commander, { title: "Services change", severity: "SEV3", serviceIds: [api.id], summary: "" });
    await updateIncident(commander, incident.id, { serviceIds: [web.id, api.id] });
    await updateIncident(commander, incident.id, { serviceIds: [api.id, web.id] });
    const room = await getIncidentRoom(incident.id);
    expect(room?.services.map((service) => service.id).sort()).toEqual([api.id, web.id].sort());
    expect(await timelineKinds(incident.id)).toEqual(["declared", "role_assigned", "services_changed"]);
    await expect(updateIncident(commander, incident.id, { serviceIds: ["missing"] })).rejects.toThrow(/Unknown service/);
  });

  it("writes no entry when the change is refused", async () => {
    const incident = await declareIncident(commander, { title: "Refused change", severity: "SEV3", serviceIds: [], summary: "" });
    await expect(updateIncident(commander, incident.id, { status: "closed" })).rejects.toBeInstanceOf(DomainError);
    expect(await timelineKinds(incident.id)).toEqual(["declared", "role_assigned"]);
  });

  it("rolls the change back when its timeline entry cannot be written", async () => {
    const incident = await declareIncident(commander, { title: "Atomic change", severity: "SEV3", serviceIds: [], summary: "" });
    // An actor missing from the database makes the timeline insert fail (foreign key) after the update ran.
    const ghost: TActor = { id: "ghost-user", name: "Ghost", email: "ghost@example.com", role: "responder" };
    await expect(updateIncident(ghost, incident.id, { status: "investigating", severity: "SEV1" })).rejects.toThrow();
    const after = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(after.status).toBe("declared");
    expect(after.severity).toBe("SEV3");
    expect(await timelineKinds(incident.id)).toEqual(["declared", "role_assigned"]);
  });

  it("keeps the earlier text when a note is edited, and only its author may edit it", async () => {
    const incident = await declareIncident(commander, { title: "Edited note", severity: "SEV4", serviceIds: [], summary: "" });
    const note = await addIncidentNote(commander, incident.id, "Restarted pod api-7");
    await editIncidentNote(commander, incident.id, note.id, "Restarted pod api-7f9c (not api-7)");
    await expect(editIncidentNote(responders[0] as TActor, incident.id, note.id, "rewritten")).rejects.toMatchObject({ status: 403 });
    const room = await getIncidentRoom(incident.id);
    const entry = room?.timeline.find((candidate) => candidate.id === note.id);
    expect(entry?.body).toBe("Restarted pod api-7f9c (not api-7)");
    expect(entry?.editedAt).not.toBeNull();
    expect(entry?.revisions.map((revision) => revision.body)).toEqual(["Restarted pod api-7"]);
  });
});
