import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { db } from "@/lib/db/prisma";
import { addIncidentNote, assignIncidentRole, declareIncident, updateIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { storeDocumentState } from "./document-store";
import { DOCUMENT_FIELD } from "./document-schema";
import { documentSnapshot, loadDocument } from "./document-state";
import { REVIEW_GOALS } from "./rules";
import {
  addPostmortemComment,
  changePostmortemStatus,
  createActionItem,
  createPostmortem,
  regeneratePostmortem,
  resolvePostmortemComment,
  restorePostmortemVersion,
  savePostmortemVersion,
} from "./service";

const MINUTE = 60_000;
const start = new Date("2026-11-20T09:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
const allGoals = Object.fromEntries(REVIEW_GOALS.map((goal) => [goal, true]));

let commander: TActor;
let operator: TActor;
let senior: TActor;

async function resolvedIncident(title: string) {
  const admin = await createTestUser("admin");
  const service = await createService(admin, { name: `${title} ${Math.random().toString(36).slice(2, 7)}`, ownerTeam: "Core", description: "" });
  const incident = await declareIncident(
    commander,
    { title, severity: "SEV2", serviceIds: [service.id], summary: "Orders stuck in pending", startedAt: start },
    at(3),
  );
  await assignIncidentRole(commander, incident.id, { role: "operations", userId: operator.id }, at(5));
  await addIncidentNote(operator, incident.id, "Queue consumer crashed on a malformed message", at(10));
  await updateIncident(commander, incident.id, { status: "monitoring" }, at(30));
  await updateIncident(commander, incident.id, { status: "resolved" }, at(45));
  return incident;
}

/** What a person typing in the editor does to the document: a paragraph of their own after the Root causes heading. */
async function typeUnderRootCauses(postmortemId: string, words: string) {
  const stored = await db().postmortem.findUniqueOrThrow({ where: { id: postmortemId } });
  const ydoc = loadDocument(new Uint8Array(stored.ydoc));
  const fragment = ydoc.getXmlFragment(DOCUMENT_FIELD);
  const index = fragment.toArray().findIndex((node) => node instanceof Y.XmlElement && node.toString().includes("Root causes"));
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(words)]);
  fragment.insert(index + 1, [paragraph]);
  await storeDocumentState(postmortemId, ydoc);
}

beforeAll(async () => {
  commander = await createTestUser("responder", "Casey Commander");
  operator = await createTestUser("responder", "Oli Operator");
  senior = await createTestUser("responder", "Sam Senior");
});

describe("postmortems", () => {
  it("is created once per resolved incident, pre-filled, with the responders as authors, on the timeline", async () => {
    const open = await declareIncident(commander, { title: "Still burning", severity: "SEV3", serviceIds: [], summary: "" });
    await expect(createPostmortem(commander, open.id, "en")).rejects.toThrow(/once the incident is resolved/);

    const incident = await resolvedIncident("Orders stuck");
    const postmortem = await createPostmortem(operator, incident.id, "en", at(60));
    await expect(createPostmortem(operator, incident.id, "ja")).rejects.toMatchObject({ status: 409 });
    const authors = await db().postmortemAuthor.findMany({ where: { postmortemId: postmortem.id }, select: { userId: true } });
    expect(authors.map((author) => author.userId).sort()).toEqual([commander.id, operator.id].sort());
    expect(postmortem.contentText).toContain("Casey Commander, Oli Operator");
    expect(postmortem.contentText).toContain("Queue consumer crashed on a malformed message");
    expect(postmortem.contentText).toContain("2026-11-20 09:30 UTC (time to mitigate 30 m)");
    expect(await db().timelineEntry.count({ where: { incidentId: incident.id, kind: "postmortem_created" } })).toBe(1);
  });

  it("regenerates the data-driven sections without touching what people wrote, and restores versions", async () => {
    const incident = await resolvedIncident("Payments slow");
    const postmortem = await createPostmortem(commander, incident.id, "en", at(60));
    await typeUnderRootCauses(postmortem.id, "A retry storm saturated the consumer pool.");
    const version = await savePostmortemVersion(commander, postmortem.id, "before the late note");
    await addIncidentNote(operator, incident.id, "Late finding: the DLQ alarm was muted", at(70));

    expect((await regeneratePostmortem(commander, postmortem.id, at(80))).sections).toContain("timeline");
    const regenerated = await db().postmortem.findUniqueOrThrow({ where: { id: postmortem.id } });
    expect(regenerated.contentText).toContain("Late finding: the DLQ alarm was muted");
    expect(regenerated.contentText).toContain("A retry storm saturated the consumer pool.");

    await restorePostmortemVersion(commander, postmortem.id, version.id);
    const restored = documentSnapshot(loadDocument(new Uint8Array((await db().postmortem.findUniqueOrThrow({ where: { id: postmortem.id } })).ydoc)));
    expect(restored.text).not.toContain("Late finding");
    expect(restored.text).toContain("A retry storm saturated the consumer pool.");
  });

  it("needs a reviewer other than the authors, with the five goals checked, and records each step on the timeline", async () => {
    const incident = await resolvedIncident("Search outage");
    const postmortem = await createPostmortem(commander, incident.id, "ja", at(60));
    await expect(changePostmortemStatus(commander, postmortem.id, "approved", { checklist: allGoals })).rejects.toThrow(/cannot go from draft to approved/);
    await changePostmortemStatus(commander, postmortem.id, "in_review");
    await expect(changePostmortemStatus(operator, postmortem.id, "approved", { checklist: allGoals })).rejects.toMatchObject({ status: 403 });
    await expect(changePostmortemStatus(senior, postmortem.id, "approved", { checklist: { ...allGoals, shared: false } })).rejects.toThrow(
      /all five review goals/,
    );
    await changePostmortemStatus(senior, postmortem.id, "draft", { comment: "Impact section lacks the customer count" });
    await changePostmortemStatus(commander, postmortem.id, "in_review");
    await changePostmortemStatus(senior, postmortem.id, "approved", { checklist: allGoals, comment: "Good" });
    await expect(regeneratePostmortem(commander, postmortem.id)).rejects.toThrow(/cannot be changed/);
    await expect(updateIncident(commander, incident.id, { status: "closed" })).rejects.toThrow(/Publish the incident's postmortem/);
    const published = await changePostmortemStatus(commander, postmortem.id, "published", {}, at(90));
    expect(published).toMatchObject({ status: "published", reviewerId: senior.id, publishedAt: at(90) });
    // Publishing was the incident's last step: it is closed now.
    expect(await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({ status: "closed", closedAt: at(90) });
    const steps = await db().timelineEntry.findMany({ where: { incidentId: incident.id, kind: "postmortem_status_changed" }, orderBy: { id: "asc" } });
    expect(steps.map((entry) => (entry.detail as { to: string }).to)).toEqual(["in_review", "draft", "in_review", "approved", "published"]);
    expect(steps[1]?.body).toBe("Impact section lacks the customer count");
  });

  it("takes comments on quoted text and resolves them", async () => {
    const incident = await resolvedIncident("Comment subject");
    const postmortem = await createPostmortem(commander, incident.id, "en", at(60));
    const comment = await addPostmortemComment(senior, postmortem.id, { quote: "Queue consumer crashed", body: "Why did the DLQ alarm stay silent?" });
    await resolvePostmortemComment(commander, comment.id);
    await expect(resolvePostmortemComment(commander, comment.id)).rejects.toMatchObject({ status: 404 });
    expect(await db().postmortemComment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ resolvedById: commander.id });
  });

  it("tracks action items as records", async () => {
    const incident = await resolvedIncident("Cache stampede");
    const postmortem = await createPostmortem(commander, incident.id, "en", at(60));
    const item = await createActionItem(commander, postmortem.id, {
      title: "Add jitter to cache expiry",
      ownerId: operator.id,
      priority: "P1",
      dueDate: new Date("2026-12-01T00:00:00Z"),
      status: "open",
      trackerUrl: "https://jira.example.com/OPS-42",
    });
    expect(item).toMatchObject({ title: "Add jitter to cache expiry", priority: "P1", status: "open" });
  });
});
