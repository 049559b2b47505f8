import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { publicUrl } from "@/lib/http/public-url";
import { incidentReference } from "@/lib/incidents/rules";
import { addIncidentNote, assignIncidentRole, updateIncident } from "@/lib/incidents/service";
import { createTestUser, openPagedIncident } from "@/lib/testing/factories";
import { SYSTEM_USER_ID } from "@/lib/users/system-user";
import { documentSnapshot } from "./document-state";
import { loadStoredDocument } from "./document-store";
import { exportPostmortem } from "./queries";
import { REVIEW_GOALS } from "./rules";
import { addPostmortemAuthor, changePostmortemStatus, createPostmortem, removePostmortemAuthor } from "./service";

const start = new Date("2026-11-21T02:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const allGoals = Object.fromEntries(REVIEW_GOALS.map((goal) => [goal, true]));

let paged: TActor;
let ben: TActor;
let chen: TActor;
let dana: TActor;

/** An incident an alert opened, paging a commander who never acknowledged; three others did the work. */
async function incidentOpenedByAnAlert(title: string) {
  const incident = await openPagedIncident({ title, commanderId: paged.id, declaredById: SYSTEM_USER_ID, startedAt: start, detectedAt: at(1) });
  await assignIncidentRole(ben, incident.id, { role: "operations", userId: ben.id }, at(5));
  await addIncidentNote(chen, incident.id, "Rolled back the config push", at(10));
  await updateIncident(dana, incident.id, { status: "resolved" }, at(20));
  return incident;
}

const authorIds = async (postmortemId: string) =>
  (await db().postmortemAuthor.findMany({ where: { postmortemId }, select: { userId: true } })).map((author) => author.userId).sort();
const documentText = async (postmortemId: string) => documentSnapshot((await loadStoredDocument(postmortemId))!).text;

beforeAll(async () => {
  paged = await createTestUser("responder", "Pat Paged");
  ben = await createTestUser("responder", "Ben Acted");
  chen = await createTestUser("responder", "Chen Acted");
  dana = await createTestUser("responder", "Dana Acted");
});

describe("postmortem authors", () => {
  it("proposes only the people who acted: a commander an integration paged who never acknowledged is not an author", async () => {
    const incident = await incidentOpenedByAnAlert("Config push broke the edge");
    const postmortem = await createPostmortem(ben, incident.id, "en", at(30));
    expect(await authorIds(postmortem.id)).toEqual([ben.id, chen.id, dana.id].sort());
    expect(await documentText(postmortem.id)).toContain("Authors\nBen Acted, Chen Acted, Dana Acted\n");
  });

  it("are added and removed while a draft, keep at least one, and the Authors section follows; then a former author can approve", async () => {
    const incident = await incidentOpenedByAnAlert("Edge cache purge storm");
    const postmortem = await createPostmortem(ben, incident.id, "en", at(30));
    await addPostmortemAuthor(ben, postmortem.id, paged.id);
    expect(await authorIds(postmortem.id)).toEqual([ben.id, chen.id, dana.id, paged.id].sort());
    // Everyone who could approve is an author: the deadlock the issue describes. Removing one ends it.
    await removePostmortemAuthor(ben, postmortem.id, chen.id);
    await removePostmortemAuthor(chen, postmortem.id, paged.id);
    expect(await authorIds(postmortem.id)).toEqual([ben.id, dana.id].sort());
    expect(await documentText(postmortem.id)).toContain("Authors\nBen Acted, Dana Acted\n");
    await expect(removePostmortemAuthor(ben, postmortem.id, paged.id)).rejects.toMatchObject({ status: 404 });
    await removePostmortemAuthor(ben, postmortem.id, dana.id);
    await expect(removePostmortemAuthor(ben, postmortem.id, ben.id)).rejects.toThrow(/at least one author/);

    await changePostmortemStatus(ben, postmortem.id, "in_review");
    await expect(removePostmortemAuthor(ben, postmortem.id, ben.id)).rejects.toThrow(/while the postmortem is a draft/);
    await expect(addPostmortemAuthor(ben, postmortem.id, chen.id)).rejects.toThrow(/while the postmortem is a draft/);
    await changePostmortemStatus(chen, postmortem.id, "approved", { checklist: allGoals });
  });

  it("exports the status the postmortem has now, and the document's Status section follows it", async () => {
    const incident = await incidentOpenedByAnAlert("Exported after publishing");
    const postmortem = await createPostmortem(ben, incident.id, "en", at(30));
    await changePostmortemStatus(ben, postmortem.id, "in_review");
    await changePostmortemStatus(paged, postmortem.id, "approved", { checklist: allGoals });
    await changePostmortemStatus(ben, postmortem.id, "published", {}, at(60));

    expect(await documentText(postmortem.id)).toContain("Published · SEV2 · incident Closed");
    const markdown = (await exportPostmortem(postmortem.id, "markdown"))?.body ?? "";
    expect(markdown).toMatch(/^## Status\n\nPublished · SEV2 · incident Closed$/m);
    expect(markdown).not.toContain("Draft");
    const reference = incidentReference(incident.number);
    expect(markdown).toContain(`](${publicUrl(`/incidents/${reference}#entry-`)}`);
    expect(markdown).not.toMatch(/\]\(\//);
    expect(markdown).toMatch(/^## Root causes\n\n\*Not written yet\.\*$/m);
    const html = (await exportPostmortem(postmortem.id, "html"))?.body ?? "";
    expect(html).toContain("<p>Published · SEV2 · incident Closed</p>");
    expect(html).toContain(`href="${publicUrl(`/incidents/${reference}`)}"`);
  });
});
