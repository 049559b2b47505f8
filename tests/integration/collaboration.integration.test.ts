import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from "@hocuspocus/provider";
import { encode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { serverEnv } from "@/lib/env/server-env";
import { declareIncident, updateIncident } from "@/lib/incidents/service";
import { attachCollaboration, documentName } from "@/lib/postmortems/collaboration";
import { DOCUMENT_FIELD } from "@/lib/postmortems/document-schema";
import { documentSnapshot, loadDocument } from "@/lib/postmortems/document-state";
import { loadStoredDocument } from "@/lib/postmortems/document-store";
import { changePostmortemStatus, createPostmortem } from "@/lib/postmortems/service";
import { createTestUser } from "@/lib/testing/factories";

let responder: TActor;
let colleague: TActor;
let viewer: TActor;
let postmortemId: string;
const running: { server: Server; hocuspocus: ReturnType<typeof attachCollaboration>; providers: HocuspocusProvider[] }[] = [];

async function sessionCookie(actor: TActor) {
  const token = await encode({ token: { uid: actor.id, sub: actor.id }, secret: serverEnv().NEXTAUTH_SECRET as string });
  return `next-auth.session-token=${token}`;
}

/** The app's HTTP server with collaboration attached, on a free port. */
async function startCollaboration() {
  const server = createServer((_request, response) => response.writeHead(404).end());
  const hocuspocus = attachCollaboration(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const entry = { server, hocuspocus, providers: [] as HocuspocusProvider[] };
  running.push(entry);
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/collab`, entry };
}

/** Disconnects every editor and stops the server once its documents are stored and unloaded. */
async function stop(entry: (typeof running)[number]) {
  for (const provider of entry.providers) {
    provider.destroy();
    provider.configuration.websocketProvider.destroy();
  }
  await eventually(() => entry.hocuspocus.getDocumentsCount() === 0);
  entry.server.closeAllConnections();
  await new Promise<void>((resolve) => entry.server.close(() => resolve()));
}

async function connect(url: string, entry: (typeof running)[number], actor: TActor, documentId = postmortemId) {
  const cookie = await sessionCookie(actor);
  const document = new Y.Doc();
  // Node's WebSocket cannot send cookies by itself: this one sends the session's, as a browser would.
  const websocketProvider = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: class extends WebSocket {
      constructor(address: string) {
        super(address, { headers: { cookie } });
      }
    },
  });
  const provider = new HocuspocusProvider({ websocketProvider, name: documentName(documentId), document, token: "session" });
  provider.attach();
  entry.providers.push(provider);
  await new Promise<void>((resolve) => provider.on("synced", () => resolve()));
  return { provider, document };
}

const documentText = (document: Y.Doc) => document.getXmlFragment(DOCUMENT_FIELD).toString();

function type(document: Y.Doc, words: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(words)]);
  document.getXmlFragment(DOCUMENT_FIELD).insert(1, [paragraph]);
}

/**
 * Waits until `reader` sees a marker `writer` puts in its awareness state after its last edits.
 * The server handles one connection's messages in order and sends each connection document
 * changes before later awareness changes, so once the marker has arrived, any edit of the
 * writer's that the server accepted has arrived too: what is missing then was refused.
 */
async function afterEverythingFrom(writer: HocuspocusProvider, reader: HocuspocusProvider) {
  const marker = randomUUID();
  writer.setAwarenessField("marker", marker);
  await eventually(() => [...(reader.awareness?.getStates().values() ?? [])].some((state) => state.marker === marker));
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  responder = await createTestUser("responder", "Rae Responder");
  colleague = await createTestUser("responder", "Cole Colleague");
  viewer = await createTestUser("viewer", "Vic Viewer");
  const incident = await declareIncident(responder, { title: "Collaboration subject", severity: "SEV3", serviceIds: [], summary: "" });
  await updateIncident(responder, incident.id, { status: "resolved" });
  postmortemId = (await createPostmortem(responder, incident.id, "en")).id;
});

afterEach(async () => {
  while (running.length > 0) await stop(running.pop() as (typeof running)[number]);
});

describe("collaborative editing on /collab", () => {
  it("refuses a WebSocket without a session", async () => {
    const { url } = await startCollaboration();
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(url);
      socket.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
      socket.on("open", () => resolve(101));
    });
    expect(status).toBe(401);
  });

  it("syncs two editors, keeps a viewer read-only, makes acknowledged edits durable at once, and keeps them across a restart", async () => {
    const first = await startCollaboration();
    const rae = await connect(first.url, first.entry, responder);
    const cole = await connect(first.url, first.entry, colleague);
    const vic = await connect(first.url, first.entry, viewer);

    type(rae.document, "Rae was here");
    type(cole.document, "Cole too");
    await eventually(() => documentText(rae.document).includes("Cole too") && documentText(cole.document).includes("Rae was here"));
    // Acknowledged changes are durable at once, before the debounced store (1 s later) folds them
    // into the stored state: the stored state alone lacks them, the state with the update log has them.
    await eventually(() => rae.provider.unsyncedChanges === 0 && cole.provider.unsyncedChanges === 0);
    await eventually(async () => documentSnapshot((await loadStoredDocument(postmortemId)) as Y.Doc).text.includes("Cole too"));
    const folded = await db().postmortem.findUniqueOrThrow({ where: { id: postmortemId }, select: { ydoc: true } });
    expect(documentSnapshot(loadDocument(new Uint8Array(folded.ydoc))).text).not.toContain("Cole too");
    await eventually(() => documentText(vic.document).includes("Rae was here"));

    type(vic.document, "Viewer scribble");
    await afterEverythingFrom(vic.provider, rae.provider);
    expect(documentText(rae.document)).not.toContain("Viewer scribble");

    await stop(first.entry);
    running.splice(running.indexOf(first.entry), 1);

    const second = await startCollaboration();
    const after = await connect(second.url, second.entry, colleague);
    expect(documentText(after.document)).toContain("Rae was here");
    expect(documentText(after.document)).toContain("Cole too");
    expect(documentText(after.document)).not.toContain("Viewer scribble");
    // The debounced store folds the log into the stored state and its searchable text.
    type(after.document, "After the restart");
    await eventually(async () => (await db().postmortem.findUniqueOrThrow({ where: { id: postmortemId } })).contentText.includes("After the restart"), 10_000);
    expect((await db().postmortem.findUniqueOrThrow({ where: { id: postmortemId } })).contentText).toContain("Rae was here");
  });

  it("merges edits made offline into the shared document when the connection returns", async () => {
    const { url, entry } = await startCollaboration();
    const rae = await connect(url, entry, responder);
    const cole = await connect(url, entry, colleague);
    const raeSocket = rae.provider.configuration.websocketProvider;
    raeSocket.disconnect();
    await eventually(() => raeSocket.status === WebSocketStatus.Disconnected);
    type(rae.document, "Written on the train, offline");
    type(cole.document, "Written meanwhile, online");
    // The server has Cole's edit; a reader opening the document now gets all the server has.
    await eventually(() => cole.provider.unsyncedChanges === 0);
    const reader = await connect(url, entry, viewer);
    expect(documentText(reader.document)).toContain("Written meanwhile, online");
    expect(documentText(reader.document)).not.toContain("Written on the train, offline");

    await raeSocket.connect();
    await eventually(
      () => documentText(cole.document).includes("Written on the train, offline") && documentText(rae.document).includes("Written meanwhile, online"),
    );
    expect(documentText(rae.document)).toBe(documentText(cole.document));
  });

  it("turns connected editors read-only once the postmortem is approved", async () => {
    const incident = await declareIncident(responder, { title: "Approval subject", severity: "SEV3", serviceIds: [], summary: "" });
    await updateIncident(responder, incident.id, { status: "resolved" });
    const approving = (await createPostmortem(responder, incident.id, "en")).id;
    const { url, entry } = await startCollaboration();
    const rae = await connect(url, entry, responder, approving);
    type(rae.document, "Before approval");
    await eventually(() => rae.provider.unsyncedChanges === 0);

    await changePostmortemStatus(responder, approving, "in_review");
    const goals = { data: true, impact: true, rootCause: true, actionPlan: true, shared: true };
    await changePostmortemStatus(colleague, approving, "approved", { checklist: goals });
    // Still connected, but read only now: this edit stays local.
    type(rae.document, "After approval");
    const cole = await connect(url, entry, colleague, approving);
    await afterEverythingFrom(rae.provider, cole.provider);
    expect(documentText(cole.document)).toContain("Before approval");
    expect(documentText(cole.document)).not.toContain("After approval");
  });
});
