import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { serverEnv } from "@/lib/env/server-env";
import { declareIncident, updateIncident } from "@/lib/incidents/service";
import { DOCUMENT_OPEN_ELSEWHERE } from "@/lib/postmortems/collaboration-limits";
import { EDITABILITY_CHANNEL } from "@/lib/postmortems/document-changes";
import { documentLocks } from "@/lib/postmortems/document-locks";
import { documentSnapshot } from "@/lib/postmortems/document-state";
import { loadStoredDocument, storeDocumentState } from "@/lib/postmortems/document-store";
import { createPostmortem, regeneratePostmortem } from "@/lib/postmortems/service";
import { createTestUser } from "@/lib/testing/factories";
import { USER_ACCESS_CHANNEL } from "@/lib/users/events";
import { collaborationServers, documentText, eventually, type } from "@/tests/collaboration-client";

// Each collaboration server holds its documents through its own database connection, as each app
// process does: two servers here stand for two processes on one database without REDIS_URL.

let author: TActor;
let colleague: TActor;
const servers = collaborationServers();

async function newPostmortem(title: string) {
  const incident = await declareIncident(author, { title, severity: "SEV3", serviceIds: [], summary: "" });
  await updateIncident(author, incident.id, { status: "resolved" });
  return (await createPostmortem(author, incident.id, "en")).id;
}

const storedText = async (postmortemId: string) => documentSnapshot((await loadStoredDocument(postmortemId)) as Y.Doc).text;

beforeAll(async () => {
  author = await createTestUser("responder", "Ana Author");
  colleague = await createTestUser("responder", "Colm Colleague");
});

afterEach(() => servers.stopAll());

describe("two app processes without Redis", () => {
  it("refuse a document the other has open, with a reason the editor shows, and hand it over once it is closed", async () => {
    const postmortemId = await newPostmortem("Open on one process");
    const first = await servers.start();
    const second = await servers.start();
    const editor = await servers.connect(first, author, postmortemId);
    await editor.typeAndWaitForAnswer("Typed on the first process");

    expect(await servers.refusal(second, colleague, postmortemId)).toBe(DOCUMENT_OPEN_ELSEWHERE);
    expect(second.hocuspocus.getDocumentsCount()).toBe(0);
    // A page's change through the second process is refused too, never applied to a copy nobody sees.
    await expect(regeneratePostmortem(colleague, postmortemId)).rejects.toMatchObject({ status: 409 });

    editor.provider.destroy();
    await eventually(() => first.hocuspocus.getDocumentsCount() === 0, 10_000);
    const taken = await servers.connect(second, colleague, postmortemId);
    expect(documentText(taken.document)).toContain("Typed on the first process");
  });

  it("lets each process take other documents meanwhile", async () => {
    const [one, two] = [await newPostmortem("First of two"), await newPostmortem("Second of two")];
    const first = await servers.start();
    const second = await servers.start();
    await servers.connect(first, author, one);
    const other = await servers.connect(second, colleague, two);
    expect(await other.typeAndWaitForAnswer("Both open at once")).toBe(true);
  });

  it("free a dead process's documents as soon as its connection to the database ends", async () => {
    const locks = documentLocks(serverEnv().DATABASE_URL as string, false, () => undefined);
    const survivor = documentLocks(serverEnv().DATABASE_URL as string, false, () => undefined);
    try {
      expect(await locks.acquire("postmortem:held-by-a-dying-process")).toBe(true);
      expect(await survivor.acquire("postmortem:held-by-a-dying-process")).toBe(false);
      expect((await survivor.otherProcesses()).withoutRedis).toBeGreaterThanOrEqual(1);
      await locks.close();
      expect(await survivor.acquire("postmortem:held-by-a-dying-process")).toBe(true);
    } finally {
      await survivor.close();
    }
  });
});

describe("changes made through another process", () => {
  // As the users and postmortems services of another process announce them, after their commit.
  const notify = (channel: string, payload: object) => db().$executeRaw`SELECT pg_notify(${channel}, ${JSON.stringify(payload)})`;

  it("reach open editors here: a demoted user's edits are dropped at once", async () => {
    const postmortemId = await newPostmortem("Demoted elsewhere");
    const server = await servers.start();
    const editor = await servers.connect(server, colleague, postmortemId);
    expect(await editor.typeAndWaitForAnswer("Before the demotion")).toBe(true);

    await notify(USER_ACCESS_CHANNEL, { userId: colleague.id, role: "viewer", disabled: false });
    await eventually(async () => !(await editor.typeAndWaitForAnswer("After the demotion")));
  });

  it("reach open editors here: an approved postmortem reads only", async () => {
    const postmortemId = await newPostmortem("Approved elsewhere");
    const server = await servers.start();
    const editor = await servers.connect(server, author, postmortemId);
    expect(await editor.typeAndWaitForAnswer("Before the approval")).toBe(true);

    await notify(EDITABILITY_CHANNEL, { postmortemId, editable: false });
    await eventually(async () => !(await editor.typeAndWaitForAnswer("After the approval")));
  });
});

describe("storing a document", () => {
  it("keeps what every copy holds, whichever stores last: the loss two unrelayed processes used to cause", async () => {
    const postmortemId = await newPostmortem("Stored from two copies");
    const first = (await loadStoredDocument(postmortemId)) as Y.Doc;
    const second = (await loadStoredDocument(postmortemId)) as Y.Doc;
    for (let paragraph = 1; paragraph <= 10; paragraph += 1) {
      type(first, `First editor's paragraph ${paragraph}`);
      type(second, `Second editor's paragraph ${paragraph}`);
    }

    await storeDocumentState(postmortemId, first);
    await storeDocumentState(postmortemId, second);

    const text = await storedText(postmortemId);
    for (let paragraph = 1; paragraph <= 10; paragraph += 1) {
      expect(text).toContain(`First editor's paragraph ${paragraph}`);
      expect(text).toContain(`Second editor's paragraph ${paragraph}`);
    }
  });
});
