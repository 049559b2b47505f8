import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { translator } from "@/lib/i18n/translate";
import { createTestUser, openPagedIncident } from "@/lib/testing/factories";
import { getIncidentRoom } from "./queries";
import { assignIncidentRole, declareIncident, releaseIncidentRole, updateIncident } from "./service";
import { takeCommand } from "./take-command";

let declarer: TActor;
let paged: TActor;
let other: TActor;

beforeAll(async () => {
  [declarer, paged, other] = await Promise.all([
    createTestUser("responder", "Declarer"),
    createTestUser("responder", "Paged Engineer"),
    createTestUser("responder", "Other Responder"),
  ]);
});

const timeline = async (incidentId: string) =>
  (await db().timelineEntry.findMany({ where: { incidentId }, orderBy: { id: "asc" }, select: { kind: true, detail: true } })).map(
    ({ kind, detail }) => [kind, detail] as const,
  );

/** An incident as an alert opens it: the person on call is commander and has not answered yet. */
const pagedIncident = (commanderId: string, title: string) =>
  openPagedIncident({ title, commanderId, declaredById: declarer.id, startedAt: new Date(), detectedAt: new Date() });

describe("a change based on a stale value (compare-and-set)", () => {
  it("refuses a severity change made from a page that still showed the old severity, and changes nothing", async () => {
    const incident = await declareIncident(declarer, { title: "Stale severity", severity: "SEV2", serviceIds: [], summary: "" });
    await updateIncident(other, incident.id, { severity: "SEV1", expectedSeverity: "SEV2" });
    const before = await timeline(incident.id);

    const refusal = await updateIncident(declarer, incident.id, { severity: "SEV3", expectedSeverity: "SEV2" }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ status: 409, code: "stale_change" });
    const localized = (refusal as { localized: (t: ReturnType<typeof translator>) => string }).localized;
    expect(localized(translator("en"))).toContain("changed the severity to SEV1 after your page showed SEV2");
    expect(localized(translator("ja"))).toContain("重大度を「SEV1」に変更しました");
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).severity).toBe("SEV1");
    expect(await timeline(incident.id)).toEqual(before);
  });

  it("refuses a status change from a stale status, and applies one from the current status", async () => {
    const incident = await declareIncident(declarer, { title: "Stale status", severity: "SEV3", serviceIds: [], summary: "" });
    await updateIncident(other, incident.id, { status: "identified", expectedStatus: "declared" });
    await expect(updateIncident(declarer, incident.id, { status: "investigating", expectedStatus: "declared" })).rejects.toMatchObject({
      status: 409,
      code: "stale_change",
    });
    await updateIncident(declarer, incident.id, { status: "monitoring", expectedStatus: "identified" });
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("monitoring");
  });

  it("refuses a handoff or release based on a holder who no longer holds the role", async () => {
    const incident = await declareIncident(declarer, { title: "Stale role", severity: "SEV3", serviceIds: [], summary: "" });
    await assignIncidentRole(other, incident.id, { role: "operations", userId: other.id, expectedHolderId: null });
    await expect(assignIncidentRole(declarer, incident.id, { role: "operations", userId: paged.id, expectedHolderId: null })).rejects.toMatchObject({
      status: 409,
      code: "stale_change",
    });
    await expect(releaseIncidentRole(declarer, incident.id, "operations", new Date(), paged.id)).rejects.toMatchObject({ status: 409 });
    const room = await getIncidentRoom(incident.id);
    expect(room?.activeRoles.find((assignment) => assignment.role === "operations")?.user.id).toBe(other.id);
  });
});

describe("I'm on it", () => {
  it("acknowledges, accepts the commander handoff waiting for the paged engineer and starts investigating, all on the timeline", async () => {
    const incident = await pagedIncident(paged.id, "Paged and answering");
    await takeCommand(paged, incident.id);

    const room = await getIncidentRoom(incident.id);
    expect(room?.status).toBe("investigating");
    expect(room?.acknowledgedBy?.id).toBe(paged.id);
    const commander = room?.activeRoles.find((assignment) => assignment.role === "commander");
    expect([commander?.user.id, commander?.acknowledgedAt !== null]).toEqual([paged.id, true]);
    expect((await timeline(incident.id)).map(([kind]) => kind)).toEqual(["declared", "role_assigned", "acknowledged", "role_acknowledged", "status_changed"]);
  });

  it("takes command from whoever holds it (a recorded handoff) and changes nothing more when pressed again", async () => {
    const incident = await pagedIncident(paged.id, "Someone else answers");
    await takeCommand(other, incident.id);
    const after = await timeline(incident.id);
    expect(after.map(([kind]) => kind)).toEqual(["declared", "role_assigned", "acknowledged", "role_handed_off", "status_changed"]);
    expect(after[3]?.[1]).toMatchObject({ role: "commander", fromUserId: paged.id, toUserId: other.id });

    await takeCommand(other, incident.id);
    expect(await timeline(incident.id)).toEqual(after);
  });

  it("rolls back every step when one fails: a viewer cannot, and a resolved incident is not taken", async () => {
    const viewer = await createTestUser("viewer");
    const incident = await pagedIncident(paged.id, "Nothing half done");
    await expect(takeCommand(viewer, incident.id)).rejects.toMatchObject({ status: 403 });
    await updateIncident(declarer, incident.id, { status: "resolved" });
    const before = await timeline(incident.id);
    await expect(takeCommand(other, incident.id)).rejects.toMatchObject({ status: 409 });
    expect(await timeline(incident.id)).toEqual(before);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).acknowledgedAt).toBeNull();
  });
});
