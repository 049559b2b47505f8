import type { IncomingMessage, Server as HttpServer } from "node:http";
import type { Duplex } from "node:stream";
import { Hocuspocus } from "@hocuspocus/server";
import { WebSocketServer } from "ws";
import { sessionUserIdFromCookieHeader } from "@/lib/auth/cookie-session";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { findActiveActor } from "@/lib/users/queries";
import { applyDocumentOperation, type TDocumentOperation, type TDocumentOperationResult } from "./document-state";
import { appendDocumentUpdate, loadStoredDocument, storeDocumentState } from "./document-store";
import { isEditable } from "./rules";

export const COLLAB_PATH = "/collab";
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** Who is on the socket; direct connections of the server itself (regenerating, restoring) have no actor. */
type TCollabContext = { actor?: TActor };

export const documentName = (postmortemId: string) => `postmortem:${postmortemId}`;
const postmortemIdOf = (name: string) => (name.startsWith("postmortem:") ? name.slice("postmortem:".length) : null);

function createHocuspocus(): Hocuspocus<TCollabContext> {
  return new Hocuspocus<TCollabContext>({
    name: "firebreak",
    quiet: true,
    // Stored 1 s after the last change, and at least every 5 s while people keep typing.
    debounce: 1_000,
    maxDebounce: 5_000,
    async onAuthenticate({ documentName: name, context, connectionConfig }) {
      const postmortemId = postmortemIdOf(name);
      const postmortem = postmortemId ? await db().postmortem.findUnique({ where: { id: postmortemId }, select: { status: true } }) : null;
      if (!postmortem || !context.actor) throw new Error("Forbidden");
      // Viewers read along; an approved or published postmortem is the record and reads only.
      connectionConfig.readOnly = context.actor.role === "viewer" || !isEditable(postmortem.status);
    },
    async onLoadDocument({ documentName: name, document }) {
      const postmortemId = postmortemIdOf(name);
      if (!postmortemId || !(await loadStoredDocument(postmortemId, document))) throw new Error(`No postmortem ${name}`);
      return document;
    },
    async onChange({ documentName: name, update }) {
      const postmortemId = postmortemIdOf(name);
      if (postmortemId) await appendDocumentUpdate(postmortemId, update);
    },
    async onStoreDocument({ documentName: name, document }) {
      const postmortemId = postmortemIdOf(name);
      if (postmortemId) await storeDocumentState(postmortemId, document);
    },
  });
}

/**
 * The live documents of this process's collaboration server. server.ts and Next's server bundle
 * each load their own copy of Yjs, and Yjs types from one copy fail the other's checks, so the
 * bundle hands over plain-data operations and this module applies them with its own copy.
 */
export type TLiveDocuments = {
  hocuspocus: Hocuspocus<TCollabContext>;
  apply(postmortemId: string, operation: TDocumentOperation): Promise<TDocumentOperationResult>;
  /** Applies a status change to the open connections: approved and published documents read only. */
  reauthorise(postmortemId: string, editable: boolean): void;
};

const globalForCollab = globalThis as unknown as { firebreakCollaboration?: TLiveDocuments };

/** This process's live documents, when server.ts runs a collaboration server (not in tests or scripts). */
export const liveDocuments = () => globalForCollab.firebreakCollaboration ?? null;

function liveDocumentsOf(hocuspocus: Hocuspocus<TCollabContext>): TLiveDocuments {
  return {
    hocuspocus,
    async apply(postmortemId, operation) {
      // A direct connection loads the document if nobody has it open, and stores it when released.
      const connection = await hocuspocus.openDirectConnection(documentName(postmortemId), {});
      const outcome: { result?: TDocumentOperationResult } = {};
      try {
        await connection.transact((document) => {
          outcome.result = applyDocumentOperation(document, operation);
        });
      } finally {
        await connection.disconnect();
      }
      return outcome.result as TDocumentOperationResult;
    },
    reauthorise(postmortemId, editable) {
      const document = hocuspocus.documents.get(documentName(postmortemId));
      for (const connection of document?.connections.keys() ?? []) {
        connection.readOnly = !editable || connection.context.actor?.role === "viewer";
      }
    },
  };
}

/** Stores every open document now (shutdown), instead of waiting for its debounce. */
export async function storeOpenDocuments(): Promise<void> {
  const live = liveDocuments();
  if (!live) return;
  await Promise.all(
    [...live.hocuspocus.documents.values()].flatMap((document) => {
      const postmortemId = postmortemIdOf(document.name);
      return postmortemId && !document.isLoading ? [storeDocumentState(postmortemId, document)] : [];
    }),
  );
}

function refuse(socket: Duplex, status: 401 | 404) {
  socket.end(`HTTP/1.1 ${status} ${status === 401 ? "Unauthorized" : "Not Found"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Serves Yjs collaboration on `/collab` of the app's own HTTP server. A WebSocket is accepted only
 * with a valid session cookie of an active user; which documents it may open, and whether it may
 * write, is decided per document in onAuthenticate.
 */
export function attachCollaboration(httpServer: HttpServer): Hocuspocus<TCollabContext> {
  const hocuspocus = createHocuspocus();
  globalForCollab.firebreakCollaboration = liveDocumentsOf(hocuspocus);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  httpServer.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = request.url ?? "";
    // Other upgrades (Next's dev reloads) are not ours to answer.
    if (url !== COLLAB_PATH && !url.startsWith(`${COLLAB_PATH}?`) && !url.startsWith(`${COLLAB_PATH}/`)) return;
    void (async () => {
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(key, value);
      const webRequest = new Request(`http://${request.headers.host ?? "localhost"}${url}`, { headers });
      const userId = await sessionUserIdFromCookieHeader(request.headers.cookie).catch(() => null);
      const actor = userId ? await findActiveActor(userId) : null;
      if (!actor) return refuse(socket, 401);
      sockets.handleUpgrade(request, socket, head, (websocket) => {
        const connection = hocuspocus.handleConnection(websocket, webRequest, { actor });
        websocket.on("message", (data: Buffer) => connection.handleMessage(new Uint8Array(data)));
        websocket.on("close", (code, reason) => connection.handleClose({ code, reason: reason.toString() }));
      });
    })();
  });
  return hocuspocus;
}
