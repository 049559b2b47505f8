import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ingestAlertDelivery } from "@/lib/alerts/ingest";
import { createIntegration, updateIntegration } from "@/lib/alerts/integrations";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { listIncidentChecklist } from "@/lib/checklists/queries";
import { setChecklistItemDone } from "@/lib/checklists/service";
import { publishStakeholderUpdate } from "@/lib/communications/service";
import { db } from "@/lib/db/prisma";
import { createEscalationPolicy, escalateIncidentNow } from "@/lib/escalation/service";
import { startEscalation } from "@/lib/escalation/start";
import { advanceRun } from "@/lib/escalation/worker";
import { TimelineEntryKind } from "@/lib/generated/prisma/enums";
import { translator } from "@/lib/i18n/translate";
import { getIncidentRoom } from "@/lib/incidents/queries";
import {
  acknowledgeIncident,
  acknowledgeRoleHandoff,
  addIncidentNote,
  assignIncidentRole,
  declareIncident,
  markKeyEvent,
  releaseIncidentRole,
  updateIncident,
} from "@/lib/incidents/service";
import { changePostmortemStatus, createPostmortem } from "@/lib/postmortems/service";
import { createSlo, recordSloImpact, removeSloImpact } from "@/lib/slo/service";
import { createTestUser } from "@/lib/testing/factories";
import { describeTimelineEntry } from "./describe";
import { TimelineDetailError, ZTimelineEvent } from "./entry-details";
import { appendTimelineEntries, appendTimelineEntry } from "./service";

const tag = Math.random().toString(36).slice(2, 8);
const start = new Date();
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

let admin: TActor;
let responder: TActor;
let relief: TActor;
let serviceId: string;

beforeAll(async () => {
  [admin, responder, relief] = await Promise.all([createTestUser("admin"), createTestUser("responder"), createTestUser("responder", "Relief Responder")]);
  serviceId = (await createService(admin, { name: `Timeline ${tag}`, ownerTeam: "Core", description: "" })).id;
});

const entriesOf = (incidentId: string) => db().timelineEntry.findMany({ where: { incidentId }, orderBy: { id: "asc" } });

describe("the timeline writer", () => {
  it("refuses a detail of the wrong shape, and the change it was recording is rolled back with it", async () => {
    const incident = await declareIncident(admin, { title: "Wrong detail", severity: "SEV3", serviceIds: [], summary: "" });
    const before = await entriesOf(incident.id);
    const change = db().$transaction(async (tx) => {
      await tx.incident.update({ where: { id: incident.id }, data: { status: "investigating" } });
      // @ts-expect-error a severity where a status belongs does not compile either
      await appendTimelineEntry(tx, {
        incidentId: incident.id,
        kind: "status_changed",
        actorId: admin.id,
        occurredAt: new Date(),
        detail: { from: "declared", to: "SEV1" },
      });
    });
    await expect(change).rejects.toThrow(TimelineDetailError);
    await expect(change).rejects.toThrow(/"status_changed".*detail\.to/s);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("declared");
    expect(await entriesOf(incident.id)).toEqual(before);
  });

  it("writes none of a batch when one entry's detail is wrong", async () => {
    const incident = await declareIncident(admin, { title: "Wrong batch", severity: "SEV3", serviceIds: [], summary: "" });
    const before = await entriesOf(incident.id);
    const entry = { incidentId: incident.id, actorId: admin.id, occurredAt: new Date() };
    const batch = db().$transaction((tx) =>
      appendTimelineEntries(tx, [
        { ...entry, kind: "note", body: "first" },
        // @ts-expect-error a field the kind does not define does not compile either
        { ...entry, kind: "title_changed", detail: { from: "Wrong batch", to: "Renamed", by: "someone" } },
      ]),
    );
    await expect(batch).rejects.toThrow(/unknown field\(s\) by/);
    expect(await entriesOf(incident.id)).toEqual(before);
  });
});

/** Goes through every use case that writes to the timeline, as people and alerts do; returns the incidents touched. */
async function writeEveryKind(): Promise<string[]> {
  const incident = await declareIncident(admin, { title: "Every kind", severity: "SEV2", serviceIds: [serviceId], summary: "first words" }, at(0));
  const id = incident.id;
  await acknowledgeIncident(admin, id, at(1));
  await updateIncident(admin, id, { status: "investigating", severity: "SEV1", title: "Every kind, renamed", serviceIds: [], summary: "more words" }, at(2));
  await assignIncidentRole(admin, id, { role: "operations", userId: responder.id }, at(3));
  await assignIncidentRole(admin, id, { role: "operations", userId: relief.id }, at(4));
  await acknowledgeRoleHandoff(relief, id, "operations", at(5));
  await releaseIncidentRole(admin, id, "operations", at(6));
  const note = await addIncidentNote(responder, id, "Rolled back the deploy", at(7));
  await markKeyEvent(admin, id, note.id, true, at(8));
  await publishStakeholderUpdate(
    admin,
    id,
    { status: "investigating", impact: "Checkout is slow", message: "Looking into it", nextUpdateInMinutes: 30 },
    at(9),
  );
  const [item] = await listIncidentChecklist(id);
  if (!item) throw new Error("the incident has no checklist");
  await setChecklistItemDone(admin, id, item.id, true, at(10));
  const slo = await createSlo(admin, { serviceId, name: `availability ${tag}`, kind: "availability", objectivePercent: 99, window: "rolling_7d" });
  await recordSloImpact(admin, id, { sloId: slo.id, impact: "degraded" }, at(11));
  await removeSloImpact(admin, id, slo.id, at(12));
  await updateIncident(admin, id, { status: "monitoring" }, at(13));
  await updateIncident(admin, id, { status: "resolved" }, at(14));
  const postmortem = await createPostmortem(admin, id, "en", at(15));
  await changePostmortemStatus(admin, postmortem.id, "in_review", {}, at(16));

  // Opened, resolved and fired again by a generic sender's alert; monitoring once it resolved.
  const generic = await createIntegration(admin, { name: `generic ${tag}`, source: "generic", defaultServiceId: serviceId, defaultSeverity: "SEV3" });
  const sender = await updateIntegration(admin, generic.id, { autoMonitorOnResolve: true });
  const alert = (status: string) => JSON.stringify({ dedupKey: `disk-${tag}`, status, title: "Disk full", severity: "critical", groupKey: `disk-${tag}` });
  await ingestAlertDelivery(sender, alert("firing"), { now: at(20) });
  await ingestAlertDelivery(sender, alert("resolved"), { now: at(21) });
  await ingestAlertDelivery(sender, alert("firing"), { now: at(22) });

  // A group Alertmanager truncated (max_alerts).
  const alertmanager = await createIntegration(admin, {
    name: `alertmanager ${tag}`,
    source: "alertmanager",
    defaultServiceId: serviceId,
    defaultSeverity: "SEV3",
  });
  const truncated = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../fixtures/alerts/alertmanager-0.25-group-truncated.json"), "utf8"));
  for (const firing of truncated.alerts) firing.fingerprint = `${firing.fingerprint}-${tag}`;
  truncated.groupKey = `${truncated.groupKey}-${tag}`;
  await ingestAlertDelivery(alertmanager, JSON.stringify(truncated), { now: at(23) });

  // Escalated by a two-step policy: step 1 notified, step 2 at once on a person's request, then run out.
  const escalated = await declareIncident(admin, { title: "Escalated", severity: "SEV2", serviceIds: [], summary: "" }, at(30));
  const policy = await createEscalationPolicy(admin, {
    name: `two steps ${tag}`,
    description: "",
    teamId: null,
    repeatCount: 0,
    steps: [
      { delayMinutes: 1, targets: [{ kind: "user", userId: responder.id }] },
      { delayMinutes: 1, targets: [{ kind: "user", userId: relief.id }] },
    ],
  });
  const run = await db().$transaction((tx) => startEscalation(tx, { incidentId: escalated.id, policyId: policy.id, urgency: "high" }, at(30)));
  await advanceRun(run.id, at(30));
  await escalateIncidentNow(admin, escalated.id, at(30.5));
  await advanceRun(run.id, at(30.5));
  await advanceRun(run.id, at(32));

  const opened = await db().alert.findMany({ where: { integrationId: { in: [generic.id, alertmanager.id] } }, select: { incidentId: true } });
  return [id, escalated.id, ...new Set(opened.flatMap((row) => (row.incidentId ? [row.incidentId] : [])))];
}

describe("entries the product writes", () => {
  it("are of every kind, each stored in the shape its kind defines and shown in both languages", async () => {
    const incidentIds = await writeEveryKind();
    const stored = await db().timelineEntry.findMany({ where: { incidentId: { in: incidentIds } }, select: { id: true, kind: true, detail: true } });
    expect(new Set(stored.map((entry) => entry.kind))).toEqual(new Set(Object.values(TimelineEntryKind)));
    const unreadable = stored.filter((entry) => !ZTimelineEvent.safeParse({ kind: entry.kind, detail: entry.detail }).success);
    expect(unreadable).toEqual([]);

    for (const incidentId of incidentIds) {
      const room = await getIncidentRoom(incidentId);
      for (const entry of room?.timeline ?? []) {
        expect(entry.detail).not.toBeNull();
        expect(describeTimelineEntry(entry, translator("en"), "en")).not.toBe("recorded an entry that cannot be shown");
        expect(describeTimelineEntry(entry, translator("ja"), "ja")).not.toBe("表示できない記録を残しました");
      }
    }
  });
});

describe("a stored entry that does not match its kind", () => {
  it("reads back in the incident room as a generic line in both languages, the rest of the timeline intact", async () => {
    const incident = await declareIncident(admin, { title: "Hand-written row", severity: "SEV3", serviceIds: [], summary: "" });
    await db().$executeRaw`
      INSERT INTO "TimelineEntry" ("incidentId", "kind", "actorId", "occurredAt", "detail")
      VALUES (${incident.id}, 'status_changed'::"TimelineEntryKind", ${admin.id}, now(), '{"from": "declared", "to": 7}'::jsonb)`;
    const room = await getIncidentRoom(incident.id);
    const lines = (room?.timeline ?? []).map((entry) => [
      entry.kind,
      describeTimelineEntry(entry, translator("en"), "en"),
      describeTimelineEntry(entry, translator("ja"), "ja"),
    ]);
    expect(lines).toEqual([
      ["declared", "declared the incident (SEV3)", "インシデントを宣言 (SEV3)"],
      ["role_assigned", "assigned Incident commander to Test admin", expect.stringContaining("Test admin に割り当て")],
      ["status_changed", "recorded an entry that cannot be shown", "表示できない記録を残しました"],
    ]);
  });
});
