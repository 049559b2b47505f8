import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { addIncidentNote, declareIncident, updateIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { collaborationServers, documentText, eventually } from "@/tests/collaboration-client";
import { documentSnapshot } from "./document-state";
import { loadStoredDocument } from "./document-store";
import { createPostmortem, regeneratePostmortem, restorePostmortemVersion, savePostmortemVersion } from "./service";

let author: TActor;
const servers = collaborationServers();

async function resolvedIncidentWithPostmortem(title: string) {
  const incident = await declareIncident(author, { title, severity: "SEV3", serviceIds: [], summary: "" });
  await updateIncident(author, incident.id, { status: "resolved" });
  return { incidentId: incident.id, postmortemId: (await createPostmortem(author, incident.id, "en")).id };
}

const storedText = async (postmortemId: string) => documentSnapshot((await loadStoredDocument(postmortemId)) as Y.Doc).text;
const searchableText = async (postmortemId: string) =>
  (await db().postmortem.findUniqueOrThrow({ where: { id: postmortemId }, select: { contentText: true } })).contentText;

beforeAll(async () => {
  author = await createTestUser("responder", "Dana Docwriter");
});

afterEach(() => servers.stopAll());

describe("the postmortems service's document changes", () => {
  it("are applied to the stored document when no collaboration server runs in this process", async () => {
    const { incidentId, postmortemId } = await resolvedIncidentWithPostmortem("Changed with nobody connected");
    const version = await savePostmortemVersion(author, postmortemId, "before the note");
    await addIncidentNote(author, incidentId, "Found after the postmortem was created");

    expect((await regeneratePostmortem(author, postmortemId)).sections).toContain("timeline");
    expect(await storedText(postmortemId)).toContain("Found after the postmortem was created");
    expect(await searchableText(postmortemId)).toContain("Found after the postmortem was created");

    await restorePostmortemVersion(author, postmortemId, version.id);
    expect(await searchableText(postmortemId)).not.toContain("Found after the postmortem was created");
  });

  it("reach an editor who has the document open at once, are stored, and go to the stored state again once the server stops", async () => {
    const { incidentId, postmortemId } = await resolvedIncidentWithPostmortem("Changed while open");
    const server = await servers.start();
    const editor = await servers.connect(server, author, postmortemId);
    await addIncidentNote(author, incidentId, "Noted while the editor was open");

    await regeneratePostmortem(author, postmortemId);
    await eventually(() => documentText(editor.document).includes("Noted while the editor was open"));
    expect(await storedText(postmortemId)).toContain("Noted while the editor was open");

    await servers.stopAll();
    await addIncidentNote(author, incidentId, "Noted after the server stopped");
    await regeneratePostmortem(author, postmortemId);
    expect(await searchableText(postmortemId)).toContain("Noted after the server stopped");
  });
});
