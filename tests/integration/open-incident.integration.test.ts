import { beforeAll, describe, expect, it } from "vitest";
import { ingestAlertDelivery } from "@/lib/alerts/ingest";
import { createIntegration, deleteIntegration, updateIntegration } from "@/lib/alerts/integrations";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { db } from "@/lib/db/prisma";
import { prismaSql, withSqlTransaction, type TSql } from "@/lib/db/sql";
import type { AlertSource } from "@/lib/generated/prisma/enums";
import { openIncident, type TIncidentOpening } from "@/lib/incidents/open-incident";
import { declareIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { SYSTEM_USER_ID } from "@/lib/users/system-user";

const now = new Date("2026-11-26T09:00:00Z");
const minutesBefore = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const tag = Math.random().toString(36).slice(2, 8);

let admin: TActor;
let declarer: TActor;
let onCall: TActor;
let service: { id: string; name: string; slug: string };

beforeAll(async () => {
  [admin, declarer, onCall] = await Promise.all([createTestUser("admin"), createTestUser("responder", "Declarer"), createTestUser("responder", "On call")]);
  service = await createService(admin, { name: `Payments ${tag}`, slug: `payments-${tag}`, ownerTeam: "Core", description: "" });
});

/** Everything an opening wrote: the incident, its commander assignments and its timeline in order. */
async function opened(incidentId: string) {
  return db().incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: {
      services: true,
      roles: { orderBy: { assignedAt: "asc" } },
      timeline: { orderBy: { id: "asc" }, select: { kind: true, actorId: true, occurredAt: true, detail: true } },
    },
  });
}

async function integrationOf(source: AlertSource) {
  const integration = await createIntegration(admin, { name: `open ${source} ${tag}`, source, defaultServiceId: null, defaultSeverity: "SEV3" });
  const updated = await updateIntegration(admin, integration.id, { commanderId: onCall.id });
  // The collector sends burn-rate alerts to every SLO integration there is: deleted, this one receives only the test's.
  if (source === "slo") await deleteIntegration(admin, integration.id);
  return updated;
}

const firing = (dedupKey: string, title: string, startsAt: Date, serviceSlug = service.slug) =>
  JSON.stringify({ dedupKey, status: "firing", severity: "critical", title, service: serviceSlug, startsAt: startsAt.toISOString() });

describe("openIncident", () => {
  it("from a person: the declarer is commander, acknowledged from the start, with the detection time they give", async () => {
    const incident = await declareIncident(
      declarer,
      {
        title: `Declared ${tag}`,
        severity: "SEV2",
        serviceIds: [service.id],
        summary: "Card payments fail",
        startedAt: minutesBefore(20),
        detectedAt: minutesBefore(12),
      },
      now,
    );
    const row = await opened(incident.id);
    expect(row).toMatchObject({
      source: "person",
      declaredById: declarer.id,
      startedAt: minutesBefore(20),
      detectedAt: minutesBefore(12),
      acknowledgedAt: null,
    });
    expect(row.services.map((link) => link.serviceId)).toEqual([service.id]);
    expect(row.roles).toEqual([
      expect.objectContaining({ role: "commander", userId: declarer.id, assignedById: declarer.id, assignedAt: now, acknowledgedAt: now }),
    ]);
    expect(row.timeline).toEqual([
      { kind: "declared", actorId: declarer.id, occurredAt: now, detail: { title: `Declared ${tag}`, severity: "SEV2", services: [service.name] } },
      { kind: "role_assigned", actorId: declarer.id, occurredAt: now, detail: { role: "commander", toUserId: declarer.id, toName: "Declarer" } },
    ]);
  });

  it("from an alert: declared by Firebreak when the alert arrived, its commander not acknowledged yet", async () => {
    const integration = await integrationOf("generic");
    const outcome = await ingestAlertDelivery(integration, firing(`open-alert-${tag}`, `Checkout 502s ${tag}`, minutesBefore(3)), { now });
    expect(outcome).toMatchObject({ accepted: true, incidents: [expect.any(String)] });
    const alert = await db().alert.findFirstOrThrow({ where: { integrationId: integration.id } });
    const row = await opened(alert.incidentId as string);
    expect(row).toMatchObject({ source: "alert", declaredById: SYSTEM_USER_ID, startedAt: minutesBefore(3), detectedAt: now, title: `Checkout 502s ${tag}` });
    expect(row.services.map((link) => link.serviceId)).toEqual([service.id]);
    expect(row.roles).toEqual([
      expect.objectContaining({ role: "commander", userId: onCall.id, assignedById: SYSTEM_USER_ID, assignedAt: now, acknowledgedAt: null }),
    ]);
    expect(row.timeline.map((entry) => [entry.kind, entry.actorId])).toEqual([
      ["declared", SYSTEM_USER_ID],
      ["role_assigned", SYSTEM_USER_ID],
      ["alert_attached", SYSTEM_USER_ID],
    ]);
    expect(row.timeline[0]?.detail).toEqual({
      title: `Checkout 502s ${tag}`,
      severity: "SEV2",
      alert: { alertId: alert.id, integration: integration.name, source: "generic", title: `Checkout 502s ${tag}` },
    });
  });

  it("from an SLO burning its budget: recorded as a burn, otherwise opened like any alert", async () => {
    // A service of its own: a burning SLO joins its service's open incident (the alert test's, here).
    const search = await createService(admin, { name: `Search ${tag}`, slug: `search-${tag}`, ownerTeam: "Core", description: "" });
    const integration = await integrationOf("slo");
    await ingestAlertDelivery(integration, firing(`slo:${tag}:3600000`, `Search availability burning ${tag}`, now, search.slug), { now });
    const alert = await db().alert.findFirstOrThrow({ where: { integrationId: integration.id } });
    const row = await opened(alert.incidentId as string);
    expect(row).toMatchObject({ source: "slo_burn", declaredById: SYSTEM_USER_ID, startedAt: now, detectedAt: now });
    expect(row.roles).toEqual([expect.objectContaining({ role: "commander", userId: onCall.id, acknowledgedAt: null })]);
    expect(row.timeline.map((entry) => entry.kind)).toEqual(["declared", "role_assigned", "alert_attached"]);
    expect(row.timeline[0]?.detail).toMatchObject({ alert: { source: "slo" } });
  });

  it("from an escalation: the on-call person is commander, paged but not acknowledged", async () => {
    const opening: TIncidentOpening = {
      source: "escalation",
      title: `Escalated ${tag}`,
      severity: "SEV1",
      summary: "",
      serviceIds: [service.id],
      startedAt: minutesBefore(9),
      detectedAt: minutesBefore(5),
      declaredById: SYSTEM_USER_ID,
      commander: { userId: onCall.id, acknowledged: false },
      alert: { alertId: `escalated-${tag}`, integration: "Primary on-call", source: "alertmanager", title: `Escalated ${tag}` },
    };
    // Through the pg driver, as alerts open incidents (lib/db/sql.ts).
    const incident = await withSqlTransaction((sql) => openIncident(sql, opening, now));
    const row = await opened(incident.id);
    expect(row).toMatchObject({ source: "escalation", declaredById: SYSTEM_USER_ID, startedAt: minutesBefore(9), detectedAt: minutesBefore(5) });
    expect(row.roles).toEqual([expect.objectContaining({ role: "commander", userId: onCall.id, assignedById: SYSTEM_USER_ID, acknowledgedAt: null })]);
    expect(row.timeline).toEqual([
      { kind: "declared", actorId: SYSTEM_USER_ID, occurredAt: now, detail: { title: `Escalated ${tag}`, severity: "SEV1", alert: opening.alert } },
      { kind: "role_assigned", actorId: SYSTEM_USER_ID, occurredAt: now, detail: { role: "commander", toUserId: onCall.id, toName: "On call" } },
    ]);
  });

  it("writes nothing when its transaction rolls back, nor when the times are impossible", async () => {
    const title = `Rolled back ${tag}`;
    const opening: TIncidentOpening = {
      source: "escalation",
      title,
      severity: "SEV3",
      summary: "",
      serviceIds: [service.id],
      startedAt: minutesBefore(2),
      detectedAt: now,
      declaredById: SYSTEM_USER_ID,
      commander: { userId: onCall.id, acknowledged: false },
    };
    let openedId = "";
    await expect(
      withSqlTransaction(async (sql) => {
        openedId = (await openIncident(sql, opening, now)).id;
        throw new Error("forced rollback after the opening");
      }),
    ).rejects.toThrow("forced rollback");
    expect(openedId).not.toBe("");
    expect(await db().incident.count({ where: { id: openedId } })).toBe(0);
    expect(await db().timelineEntry.count({ where: { incidentId: openedId } })).toBe(0);
    expect(await db().incidentRoleAssignment.count({ where: { incidentId: openedId } })).toBe(0);
    expect(await db().incidentChecklistItem.count({ where: { incidentId: openedId } })).toBe(0);

    await expect(db().$transaction((tx) => openIncident(prismaSql(tx), { ...opening, detectedAt: minutesBefore(3) }, now))).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/detectedAt is before startedAt/),
    });
    expect(await db().incident.count({ where: { title } })).toBe(0);
  });

  it("uses up no incident number when a service or the commander does not exist", async () => {
    const opening: TIncidentOpening = {
      source: "person",
      title: `Refused ${tag}`,
      severity: "SEV3",
      summary: "",
      serviceIds: [service.id, `no-such-service-${tag}`],
      startedAt: now,
      detectedAt: now,
      declaredById: declarer.id,
      commander: { userId: declarer.id, acknowledged: true },
    };
    const lastNumber = async (sql: TSql) =>
      (await sql<{ value: bigint | null }>`SELECT last_value AS "value" FROM pg_sequences WHERE sequencename = 'Incident_number_seq'`)[0]?.value;
    await withSqlTransaction(async (sql) => {
      // Other files' incidents wait until this transaction ends, so the number moves only if these openings move it.
      await sql`LOCK TABLE "Incident" IN SHARE ROW EXCLUSIVE MODE`;
      const before = await lastNumber(sql);
      await expect(openIncident(sql, opening, now)).rejects.toMatchObject({
        status: 422,
        message: expect.stringMatching(/Unknown service id\(s\): no-such-service/),
      });
      await expect(
        openIncident(sql, { ...opening, serviceIds: [service.id], commander: { userId: `nobody-${tag}`, acknowledged: false } }, now),
      ).rejects.toMatchObject({
        status: 404,
      });
      expect(await lastNumber(sql)).toBe(before);
    });
    expect(await db().incident.count({ where: { title: opening.title } })).toBe(0);
  });
});
