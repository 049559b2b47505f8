// An alert reaches the person on call: the escalation worker acts on every due run of its database,
// so this file has a database of its own.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ingestAlertDelivery } from "@/lib/alerts/ingest";
import { createIntegration } from "@/lib/alerts/integrations";
import { createService } from "@/lib/catalog/service";
import { db, disconnectDb, setDbPoolSize } from "@/lib/db/prisma";
import { deliverToPeople } from "@/lib/escalation/deliver-to-people";
import { deliverEscalationNotifications } from "@/lib/escalation/delivery";
import { applyActionLink } from "@/lib/escalation/action-tokens";
import { parseUrgencySettings } from "@/lib/escalation/schema";
import { createEscalationPolicy, setServiceEscalation } from "@/lib/escalation/service";
import { declarePaging } from "@/lib/escalation/start";
import { advanceDueEscalations } from "@/lib/escalation/worker";
import { declareIncident } from "@/lib/incidents/service";
import { ZNotification } from "@/lib/notifications/schema";
import { addLayer, createRotation, createSchedule, createTeam } from "@/lib/oncall/service";
import { createTestUser } from "@/lib/testing/factories";
import { createScratchDatabase } from "@/tests/scratch-database";
import { useDatabase } from "@/tests/use-database";

// A small pool, so that the burst below holds every connection at once with a few openings: with the
// app's 20, it took 30 openings, which on a busy 2-core machine waited past maxWait for their turn.
const POOL_SIZE = 5;
setDbPoolSize(POOL_SIZE);

const MINUTE = 60_000;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

beforeAll(async () => {
  await useDatabase(await createScratchDatabase(inject("databaseUrl")));
}, 60_000);
afterAll(async () => {
  await disconnectDb();
});

/** Aiko is on call this week (a weekly Tokyo rotation that started with her a day ago), Ben is step 2. */
async function onCallSetup(now: Date, aikoRole: "responder" | "viewer" = "responder") {
  const admin = await createTestUser("admin", "Admin");
  const aiko = await createTestUser(aikoRole, "Aiko Tanaka");
  const ben = await createTestUser("responder", "Ben Carter");
  const team = await createTeam(admin, { name: `Payments ${aiko.id}`, timeZone: "Asia/Tokyo", memberIds: [aiko.id, ben.id] });
  const yesterday = new Date(now.getTime() - 24 * 60 * MINUTE).toISOString().slice(0, 10);
  const rotation = await createRotation(admin, {
    teamId: team.id,
    name: "Primary",
    startDate: yesterday,
    handoffTime: "00:00",
    shiftLength: "weekly",
    memberIds: [aiko.id, ben.id],
  });
  const schedule = await createSchedule(admin, { teamId: team.id, name: "Primary" });
  await addLayer(admin, schedule.id, { rotationId: rotation.id, name: "Always" });
  const policy = await createEscalationPolicy(admin, {
    name: `Payments ${aiko.id}`,
    description: "",
    teamId: null,
    repeatCount: 0,
    steps: [
      { delayMinutes: 1, targets: [{ kind: "schedule", scheduleId: schedule.id }] },
      { delayMinutes: 1, targets: [{ kind: "user", userId: ben.id }] },
    ],
  });
  const service = await createService(admin, { name: "Checkout", slug: `checkout-${aiko.id.slice(-6)}`, ownerTeam: "Payments", description: "" });
  await setServiceEscalation(admin, service.id, { escalationPolicyId: policy.id, urgencySettings: parseUrgencySettings(null) });
  const integration = await createIntegration(admin, { name: "Prometheus", source: "generic", defaultServiceId: service.id, defaultSeverity: "SEV3" });
  return { admin, aiko, ben, integration, service };
}

/** Hands over every due notification, earlier tests' too: a batch is 20, and a burst leaves more. */
async function deliverAllDue(now: Date): Promise<void> {
  while ((await deliverEscalationNotifications(deliverToPeople, now)) > 0);
}

const firing = (dedupKey: string, severity: string) => JSON.stringify({ dedupKey, status: "firing", title: "Checkout 5xx above 5%", severity });

describe("an alert on a service with an escalation policy", () => {
  it("makes the person on call the commander, notifies them at once, and their one-tap link stops the escalation", async () => {
    const t0 = new Date();
    const { admin, aiko, ben, integration } = await onCallSetup(t0);
    const outcome = await ingestAlertDelivery(integration, firing(`checkout-${aiko.id}`, "critical"), { now: t0 });
    expect(outcome).toMatchObject({ accepted: true });
    const incidentId = outcome.accepted ? outcome.incidents[0] : undefined;
    const incident = await db().incident.findFirstOrThrow({
      where: { number: Number(String(incidentId).replace("INC-", "")) },
      select: { id: true, roles: { where: { role: "commander" }, select: { userId: true, acknowledgedAt: true } } },
    });
    // Not the integration's fixed commander (the admin who created it): whoever is on call.
    expect(incident.roles).toEqual([{ userId: aiko.id, acknowledgedAt: null }]);
    expect(admin.id).not.toBe(aiko.id);
    // The first step is written with the incident, its notification waiting in the outbox; step 2 is a minute off.
    const run = await db().escalationRun.findUniqueOrThrow({ where: { incidentId: incident.id } });
    expect(run).toMatchObject({ status: "active", urgency: "high", nextStep: 1, nextDueAt: later(t0, MINUTE) });
    const outbox = await db().escalationNotification.findMany({ where: { runId: run.id }, select: { step: true, recipientKey: true, status: true } });
    expect(outbox).toEqual([{ step: 0, recipientKey: `user:${aiko.id}`, status: "pending" }]);

    await deliverAllDue(t0);
    const toAiko = await db().userNotification.findFirstOrThrow({ where: { userId: aiko.id, incidentId: incident.id } });
    const content = ZNotification.parse(toAiko.content);
    expect(content.incident).toMatchObject({ title: "Checkout 5xx above 5%", severity: "SEV2" });
    expect(content.links.acknowledge).toMatch(/\/a\/[\w-]+$/);

    // Aiko taps "acknowledge" on her phone, not signed in, 40 s later.
    const token = decodeURIComponent(String(content.links.acknowledge).split("/a/")[1] ?? "");
    expect(await applyActionLink(token, later(t0, 40_000))).toMatchObject({ outcome: "acknowledged" });
    expect(await applyActionLink(token, later(t0, 41_000))).toMatchObject({ outcome: "used" });

    for (const at of [later(t0, MINUTE), later(t0, 2 * MINUTE), later(t0, 3 * MINUTE)]) {
      await advanceDueEscalations(at);
      await deliverAllDue(at);
    }
    expect(await db().userNotification.count({ where: { userId: ben.id, incidentId: incident.id } })).toBe(0);
    expect(await db().escalationRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "acknowledged", stoppedById: aiko.id });
    const timeline = await db().timelineEntry.findMany({ where: { incidentId: incident.id }, orderBy: { id: "asc" }, select: { kind: true, actorId: true, detail: true } });
    expect(timeline.filter((entry) => ["escalation_notified", "acknowledged", "role_acknowledged"].includes(entry.kind))).toEqual([
      { kind: "escalation_notified", actorId: expect.any(String), detail: expect.objectContaining({ step: 1, userIds: [aiko.id] }) },
      { kind: "acknowledged", actorId: aiko.id, detail: { secondsSinceDetection: 40, via: "link" } },
      { kind: "role_acknowledged", actorId: aiko.id, detail: { role: "commander", secondsWaited: 40 } },
    ]);
    // Answering the page is taking up the commander role she was given before she answered.
    const commander = await db().incidentRoleAssignment.findFirstOrThrow({ where: { incidentId: incident.id, role: "commander", releasedAt: null } });
    expect(commander).toMatchObject({ userId: aiko.id, acknowledgedAt: later(t0, 40_000) });
  });

  it("re-fired on an acknowledged incident notifies nobody again", async () => {
    const t0 = new Date();
    const { aiko, integration } = await onCallSetup(t0);
    const key = `refire-${aiko.id}`;
    const first = await ingestAlertDelivery(integration, firing(key, "critical"), { now: t0 });
    const number = Number(String(first.accepted ? first.incidents[0] : "").replace("INC-", ""));
    const incident = await db().incident.findFirstOrThrow({ where: { number } });
    await advanceDueEscalations(t0);
    await deliverAllDue(t0);
    const token = decodeURIComponent(
      String(ZNotification.parse((await db().userNotification.findFirstOrThrow({ where: { incidentId: incident.id } })).content).links.acknowledge).split("/a/")[1] ?? "",
    );
    await applyActionLink(token, later(t0, 10_000));
    await ingestAlertDelivery(integration, firing(key, "critical"), { now: later(t0, 20_000) });
    await advanceDueEscalations(later(t0, 2 * MINUTE));
    await deliverAllDue(later(t0, 2 * MINUTE));
    expect(await db().userNotification.count({ where: { incidentId: incident.id } })).toBe(1);
    expect(await db().escalationRun.count({ where: { incidentId: incident.id } })).toBe(1);
  });

  it("opens a burst of incidents at once, more than the connection pool holds, each with the person on call as commander", async () => {
    // Routing reads the schedule's on-call person inside the transaction that opens the incident. It
    // used to read it through the pool, a second connection per transaction: with all held by such
    // transactions none could go on, and the burst failed on the transaction timeout.
    const t0 = new Date();
    const { aiko, integration } = await onCallSetup(t0);
    const burst = 3 * POOL_SIZE;
    const outcomes = await Promise.all(Array.from({ length: burst }, (_, index) => ingestAlertDelivery(integration, firing(`burst-${index}-${aiko.id}`, "critical"), { now: t0 })));
    expect(outcomes.filter((outcome) => outcome.accepted)).toHaveLength(burst);
    const numbers = outcomes.flatMap((outcome) => (outcome.accepted ? outcome.incidents : [])).map((reference) => Number(reference.replace("INC-", "")));
    const incidents = await db().incident.findMany({
      where: { number: { in: numbers } },
      select: { escalationRun: { select: { status: true } }, roles: { where: { role: "commander" }, select: { userId: true } } },
    });
    expect(incidents).toHaveLength(burst);
    expect(incidents.every((incident) => incident.escalationRun?.status === "active" && incident.roles[0]?.userId === aiko.id)).toBe(true);
    // The worker calls in the other tests act on every due run of this database: these are done with.
    await db().escalationRun.updateMany({ where: { incident: { number: { in: numbers } } }, data: { status: "cancelled", nextDueAt: null } });
  }, 60_000);

  it("never makes a viewer on the rotation commander: the integration's commander holds the role, the viewer is still told", async () => {
    const t0 = new Date();
    const { admin, aiko, integration } = await onCallSetup(t0, "viewer");
    const outcome = await ingestAlertDelivery(integration, firing(`viewer-${aiko.id}`, "critical"), { now: t0 });
    const number = Number(String(outcome.accepted ? outcome.incidents[0] : "").replace("INC-", ""));
    const incident = await db().incident.findFirstOrThrow({ where: { number }, select: { id: true, roles: { where: { role: "commander" }, select: { userId: true } } } });
    expect(incident.roles).toEqual([{ userId: admin.id }]);
    await advanceDueEscalations(t0);
    await deliverAllDue(t0);
    expect(await db().userNotification.count({ where: { userId: aiko.id, incidentId: incident.id } })).toBe(1);
  });
});

describe("a person declaring an incident for a service with an escalation policy", () => {
  const commanderOf = (incidentId: string) =>
    db().incidentRoleAssignment.findMany({ where: { incidentId, role: "commander" }, select: { userId: true, acknowledgedAt: true } });

  it("pages the service's on-call, who becomes commander, as an alert would", async () => {
    const t0 = new Date();
    const { aiko, ben, service } = await onCallSetup(t0);
    const incident = await declareIncident(ben, { title: "Checkout is slow for everyone", severity: "SEV2", serviceIds: [service.id], summary: "" }, t0, declarePaging);
    expect(incident.declaredById).toBe(ben.id);
    expect(await commanderOf(incident.id)).toEqual([{ userId: aiko.id, acknowledgedAt: null }]);
    expect(await db().escalationRun.findUniqueOrThrow({ where: { incidentId: incident.id } })).toMatchObject({ status: "active", urgency: "high" });
    await advanceDueEscalations(t0);
    await deliverAllDue(t0);
    expect(await db().userNotification.count({ where: { userId: aiko.id, incidentId: incident.id } })).toBe(1);
  });

  it("pages nobody when the declarer takes command (pageOnCall: false) or is the person on call", async () => {
    const t0 = new Date();
    const { aiko, ben, service } = await onCallSetup(t0);
    const unpaged = await declareIncident(ben, { title: "Checkout, handled by Ben", severity: "SEV2", serviceIds: [service.id], summary: "", pageOnCall: false }, t0, declarePaging);
    const byOnCall = await declareIncident(aiko, { title: "Checkout, seen by the on-call", severity: "SEV2", serviceIds: [service.id], summary: "" }, t0, declarePaging);
    expect(await commanderOf(unpaged.id)).toEqual([{ userId: ben.id, acknowledgedAt: t0 }]);
    expect(await commanderOf(byOnCall.id)).toEqual([{ userId: aiko.id, acknowledgedAt: t0 }]);
    expect(await db().escalationRun.count({ where: { incidentId: { in: [unpaged.id, byOnCall.id] } } })).toBe(0);
  });
});
