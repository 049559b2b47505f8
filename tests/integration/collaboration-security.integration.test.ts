import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { declareIncident, updateIncident } from "@/lib/incidents/service";
import { documentName } from "@/lib/postmortems/collaboration";
import { MAX_DOCUMENT_BYTES, MAX_UPDATE_BYTES, UPDATE_TOO_LARGE } from "@/lib/postmortems/collaboration-limits";
import { DOCUMENT_FIELD } from "@/lib/postmortems/document-schema";
import { documentSnapshot } from "@/lib/postmortems/document-state";
import { loadStoredDocument } from "@/lib/postmortems/document-store";
import { createPostmortem } from "@/lib/postmortems/service";
import { createTestUser } from "@/lib/testing/factories";
import { updateUser } from "@/lib/users/service";
import { collaborationServers, documentText, eventually, PUBLIC_ORIGIN, sessionCookie, upgradeStatus } from "../collaboration-client";

let admin: TActor;
let author: TActor;
const servers = collaborationServers();

async function newPostmortem(title: string) {
  const incident = await declareIncident(author, { title, severity: "SEV3", serviceIds: [], summary: "" });
  await updateIncident(author, incident.id, { status: "resolved" });
  return (await createPostmortem(author, incident.id, "en")).id;
}

const storedText = async (postmortemId: string) => documentSnapshot((await loadStoredDocument(postmortemId)) as Y.Doc).text;

/** Text that does not shrink when encoded, of about `bytes` bytes. */
const bulk = (bytes: number) => randomBytes(Math.ceil(bytes / 2)).toString("hex");

beforeAll(async () => {
  [admin, author] = await Promise.all([createTestUser("admin"), createTestUser("responder", "Ada Author")]);
});

afterEach(() => servers.stopAll());

describe("who may open /collab", () => {
  it("refuses a WebSocket from another origin with 403, even with a valid session", async () => {
    const { url } = await servers.start();
    const cookie = await sessionCookie(author);
    // Another port of the same host is another origin: a page there must not edit with the victim's cookie.
    const foreign = new URL(PUBLIC_ORIGIN);
    foreign.port = String(Number(foreign.port || 80) + 1);
    expect(await upgradeStatus(url, { cookie, origin: foreign.origin })).toBe(403);
    expect(await upgradeStatus(url, { cookie, origin: "null" })).toBe(403);
    expect(await upgradeStatus(url, { cookie, origin: "https://evil.example" })).toBe(403);
    expect(await upgradeStatus(url, { origin: "https://evil.example" })).toBe(403);
    // Firebreak's own pages, and clients that are not browsers (no Origin), are served.
    expect(await upgradeStatus(url, { cookie, origin: PUBLIC_ORIGIN })).toBe(101);
    expect(await upgradeStatus(url, { cookie })).toBe(101);
  });
});

describe("access changes reach open connections", () => {
  it("drops a demoted responder's edits at once and closes the socket once the account is disabled", async () => {
    const postmortemId = await newPostmortem("Demotion subject");
    const [demoted, colleague] = await Promise.all([createTestUser("responder", "Dee Demoted"), createTestUser("responder", "Cole Colleague")]);
    const server = await servers.start();
    const dee = await servers.connect(server, demoted, postmortemId);
    const cole = await servers.connect(server, colleague, postmortemId);
    expect(await dee.typeAndWaitForAnswer("Written while a responder")).toBe(true);

    await updateUser(admin, demoted.id, { role: "viewer" });
    expect(await dee.typeAndWaitForAnswer("Written after the demotion")).toBe(false);
    // Still reading along: the colleague's edit arrives.
    expect(await cole.typeAndWaitForAnswer("The colleague carries on")).toBe(true);
    await eventually(() => documentText(dee.document).includes("The colleague carries on"));
    const live = server.hocuspocus.documents.get(documentName(postmortemId)) as Y.Doc;
    expect(documentText(live)).toContain("Written while a responder");
    expect(documentText(live)).not.toContain("Written after the demotion");
    expect(documentText(cole.document)).not.toContain("Written after the demotion");

    await updateUser(admin, demoted.id, { disabled: true });
    await eventually(() => dee.socketCloses.length > 0);
    expect(dee.socketCloses[0]?.code).toBe(4403);
    // Reconnecting fails: the account is no longer active.
    expect(await upgradeStatus(server.url, { cookie: await sessionCookie(demoted), origin: PUBLIC_ORIGIN })).toBe(401);
    await eventually(() => documentText(live).includes("The colleague carries on"));
    expect(await storedText(postmortemId)).not.toContain("Written after the demotion");
  });

  it("lets a viewer promoted to responder write on the open connection", async () => {
    const postmortemId = await newPostmortem("Promotion subject");
    const promoted = await createTestUser("viewer", "Pat Promoted");
    const server = await servers.start();
    const pat = await servers.connect(server, promoted, postmortemId);
    const connection = () =>
      server.hocuspocus.documents
        .get(documentName(postmortemId))
        ?.getConnections()
        .find((candidate) => candidate.context.actor?.id === promoted.id);
    expect(connection()?.readOnly).toBe(true);

    await updateUser(admin, promoted.id, { role: "responder" });
    // The promotion looks the postmortem's status up before it takes effect.
    await eventually(() => connection()?.readOnly === false);
    expect(await pat.typeAndWaitForAnswer("Written as a responder")).toBe(true);
    await eventually(async () => (await storedText(postmortemId)).includes("Written as a responder"));
  });
});

describe("size caps", () => {
  it("refuses a change larger than the update cap with a reason, stores none of it, and takes normal edits", async () => {
    const postmortemId = await newPostmortem("Oversized update subject");
    const [paster, colleague] = await Promise.all([createTestUser("responder", "Paul Paster"), createTestUser("responder", "Cole Colleague")]);
    const server = await servers.start();
    const cole = await servers.connect(server, colleague, postmortemId);
    const paul = await servers.connect(server, paster, postmortemId);
    const before = await storedText(postmortemId);
    const marker = `huge-${Date.now()}`;

    expect(await paul.typeAndWaitForAnswer(`${marker} ${bulk(MAX_UPDATE_BYTES + 16 * 1024)}`)).toBe(false);
    expect(paul.documentCloses).toEqual([UPDATE_TOO_LARGE]);
    const live = server.hocuspocus.documents.get(documentName(postmortemId)) as Y.Doc;
    expect(documentText(live)).not.toContain(marker);
    const logged = await db().postmortemUpdate.findMany({ where: { postmortemId }, select: { update: true } });
    expect(logged.some((row) => Buffer.from(row.update).includes(marker))).toBe(false);

    // Another editor's normal edit is taken and stored; the refused text is nowhere.
    expect(await cole.typeAndWaitForAnswer("A normal edit")).toBe(true);
    await eventually(async () => (await storedText(postmortemId)).includes("A normal edit"));
    const after = await storedText(postmortemId);
    expect(after).not.toContain(marker);
    expect(after.replace("A normal edit", "").replace(/\s+/g, "")).toBe(before.replace(/\s+/g, ""));
  });

  it("refuses a change that would take the document over its cap, and still takes a deletion there", async () => {
    const postmortemId = await newPostmortem("Oversized document subject");
    const filler = await createTestUser("responder", "Fay Filler");
    const server = await servers.start();
    let fay = await servers.connect(server, filler, postmortemId);
    const chunk = MAX_UPDATE_BYTES - 32 * 1024;
    // The cap holds this many chunks at most; one more must be refused.
    const most = Math.floor(MAX_DOCUMENT_BYTES / chunk);
    let taken = 0;
    while (taken <= most && (await fay.typeAndWaitForAnswer(`chunk-${taken} ${bulk(chunk)}`))) taken += 1;
    expect(fay.documentCloses).toEqual([UPDATE_TOO_LARGE]);
    const live = server.hocuspocus.documents.get(documentName(postmortemId)) as Y.Doc;
    const size = Y.encodeStateAsUpdate(live).byteLength;
    expect(size).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES);
    expect(size + chunk).toBeGreaterThan(MAX_DOCUMENT_BYTES);
    expect(documentText(live)).not.toContain(`chunk-${taken} `);

    // At the cap, deleting text is still a change the document takes.
    fay = await servers.connect(server, filler, postmortemId);
    const answered = fay.syncStatuses.length;
    const fragment = fay.document.getXmlFragment(DOCUMENT_FIELD);
    fragment.delete(
      fragment.toArray().findIndex((node) => node.toString().includes("chunk-0 ")),
      1,
    );
    await eventually(() => fay.syncStatuses.length > answered);
    expect(fay.syncStatuses[answered]).toBe(true);
    await eventually(() => !documentText(live).includes("chunk-0 "));
    expect(Y.encodeStateAsUpdate(live).byteLength).toBeLessThan(size);
  });
});
