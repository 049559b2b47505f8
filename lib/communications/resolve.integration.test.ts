import { beforeAll, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { declareIncident, updateIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { listStakeholderUpdates } from "./queries";
import { publishStakeholderUpdate, resolveIncident } from "./service";

let responder: TActor;

beforeAll(async () => {
  responder = await createTestUser("responder", "Resolver");
});

it("resolves with the summary on the timeline and a final update that promises no further one", async () => {
  const incident = await declareIncident(responder, { title: "Resolving with a final update", severity: "SEV2", serviceIds: [], summary: "" });
  await publishStakeholderUpdate(responder, incident.id, { status: "investigating", impact: "EU checkout slow", message: "Rolling back.", nextUpdateInMinutes: 30 });

  await resolveIncident(responder, incident.id, { summary: "Rolled back release 412; error rate normal.", expectedStatus: "declared", finalUpdateImpact: "EU checkout slow for 40 minutes" });

  const resolved = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
  expect([resolved.status, resolved.resolvedAt !== null]).toEqual(["resolved", true]);
  const [latest] = await listStakeholderUpdates(incident.id);
  expect(latest).toMatchObject({ status: "resolved", impact: "EU checkout slow for 40 minutes", message: "Rolled back release 412; error rate normal.", nextUpdateAt: null });
  const entries = await db().timelineEntry.findMany({ where: { incidentId: incident.id }, orderBy: { id: "asc" }, select: { kind: true, body: true } });
  expect(entries.slice(-2)).toEqual([
    { kind: "status_changed", body: "Rolled back release 412; error rate normal." },
    { kind: "stakeholder_update", body: "Rolled back release 412; error rate normal." },
  ]);
});

it("refuses to resolve from a stale status and publishes nothing", async () => {
  const incident = await declareIncident(responder, { title: "Resolving a stale page", severity: "SEV3", serviceIds: [], summary: "" });
  await updateIncident(responder, incident.id, { status: "identified" });
  await expect(
    resolveIncident(responder, incident.id, { summary: "Fixed.", expectedStatus: "declared", finalUpdateImpact: "None" }),
  ).rejects.toMatchObject({ status: 409, code: "stale_change" });
  expect(await listStakeholderUpdates(incident.id)).toEqual([]);
  expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("identified");
});
