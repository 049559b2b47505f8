import type { IncomingMessage, Server as HttpServer } from "node:http";
import type { Duplex } from "node:stream";
import { Redis as RedisRelay } from "@hocuspocus/extension-redis";
import { Hocuspocus, isTransactionOrigin } from "@hocuspocus/server";
import IORedis from "ioredis";
import { WebSocketServer, type WebSocket } from "ws";
import { messageYjsSyncStep1 } from "y-protocols/sync";
import { sessionUserIdFromCookieHeader } from "@/lib/auth/cookie-session";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { serverEnv } from "@/lib/env/server-env";
import { conflict } from "@/lib/errors";
import { publicUrl } from "@/lib/http/public-url";
import { z } from "zod";
import { onUserAccessChanged, USER_ACCESS_CHANNEL, type TUserAccessChange } from "@/lib/users/events";
import { findActiveActor } from "@/lib/users/queries";
import { DOCUMENT_OPEN_ELSEWHERE, MAX_MESSAGE_BYTES, UPDATE_TOO_LARGE } from "./collaboration-limits";
import { EDITABILITY_CHANNEL, handleDocumentChanges, type TDocumentChangeHandler } from "./document-changes";
import { collaborationTopologyWarning, documentLocks, type TDocumentLocks } from "./document-locks";
import { applyDocumentOperation, type TDocumentOperationResult } from "./document-state";
import { DocumentSizeLimits } from "./document-size";
import { appendDocumentUpdate, loadStoredDocument, storeDocumentState } from "./document-store";
import { isEditable } from "./rules";

export const COLLAB_PATH = "/collab";
/** The close code and reason of a document connection whose change was refused for its size. */
const UPDATE_REFUSED = { code: 4413, reason: UPDATE_TOO_LARGE };
/** The close code and reason of a socket whose user was disabled while it was open. */
const ACCOUNT_DISABLED = { code: 4403, reason: "account-disabled" };

/** Who is on the socket; direct connections of the server itself (regenerating, restoring) have no actor. */
type TCollabContext = { actor?: TActor };

/** Viewers read along; a disabled user (no actor left) neither reads nor writes. */
const mayWrite = (actor: TActor | undefined) => actor !== undefined && actor.role !== "viewer";

export const documentName = (postmortemId: string) => `postmortem:${postmortemId}`;
const postmortemIdOf = (name: string) => (name.startsWith("postmortem:") ? name.slice("postmortem:".length) : null);

/** The answer to an editor (or a page's change) when another process has the document open and no Redis relays between them. */
const OPEN_ELSEWHERE = { reason: DOCUMENT_OPEN_ELSEWHERE };

/**
 * Hocuspocus' Redis extension without its store lock. That lock (redlock) makes a process skip its
 * store while another one stores, on the assumption that both copies hold the same: a process whose
 * store was skipped left its editor's latest updates only in the log, unfolded, once its document
 * unloaded. Every process stores here instead; the store merges under a row lock (document-store.ts).
 */
class RedisRelayStoringEverywhere extends RedisRelay {
  override async onStoreDocument(): Promise<void> {}
}

/**
 * With REDIS_URL, Hocuspocus' Redis extension relays every edit and caret between the copies of a
 * document that several processes hold open; PostgreSQL stays where documents are kept.
 */
function redisRelay(redisUrl: string | undefined): RedisRelay | null {
  if (!redisUrl) return null;
  const connect = () => {
    const client = new IORedis(redisUrl, { lazyConnect: false });
    client.on("error", (error: Error) => console.warn(`[collab] Redis: ${error.message}`));
    return client;
  };
  return new RedisRelayStoringEverywhere({ createClient: connect, prefix: "firebreak:collab" });
}

function createHocuspocus(locks: TDocumentLocks, relay: RedisRelay | null): Hocuspocus<TCollabContext> {
  const sizes = new DocumentSizeLimits();
  // Updates being logged, per document: a store waits for them, so that it folds (and drops from
  // the log) everything its state holds. An editor's last change just before it leaves is stored
  // at once, while its row may still be on its way.
  const logging = new Map<string, Set<Promise<void>>>();
  const hocuspocus: Hocuspocus<TCollabContext> = new Hocuspocus<TCollabContext>({
    name: "firebreak",
    quiet: true,
    extensions: relay ? [relay] : [],
    // Stored 1 s after the last change, and at least every 5 s while people keep typing.
    debounce: 1_000,
    maxDebounce: 5_000,
    async onAuthenticate({ documentName: name, context, connectionConfig }) {
      const postmortemId = postmortemIdOf(name);
      const postmortem = postmortemId ? await db().postmortem.findUnique({ where: { id: postmortemId }, select: { status: true } }) : null;
      if (!postmortem || !context.actor) throw new Error("Forbidden");
      // Viewers read along; an approved or published postmortem is the record and reads only.
      connectionConfig.readOnly = !mayWrite(context.actor) || !isEditable(postmortem.status);
    },
    async onLoadDocument({ documentName: name, document }) {
      const postmortemId = postmortemIdOf(name);
      if (!postmortemId) throw new Error(`No postmortem ${name}`);
      if (!(await locks.acquire(name))) throw OPEN_ELSEWHERE;
      try {
        if (!(await loadStoredDocument(postmortemId, document))) throw new Error(`No postmortem ${name}`);
      } catch (error) {
        locks.release(name);
        throw error;
      }
      return document;
    },
    async afterUnloadDocument({ documentName: name }) {
      // Opened again meanwhile (a new editor while this copy unloaded): the lock belongs to that copy.
      if (hocuspocus.documents.has(name) || hocuspocus.loadingDocuments.has(name)) return;
      locks.release(name);
    },
    // Before an editor's change touches the document: an oversized one closes the editor's
    // connection to the document with a reason it shows, and is neither applied nor stored.
    async beforeSync({ type, payload, document, connection, context }) {
      if (type === messageYjsSyncStep1 || connection.readOnly || sizes.admits(document, payload)) return;
      console.warn(`[collab] refused a change of ${payload.byteLength} bytes to ${document.name} by ${context.actor?.email ?? "?"}: over the size caps`);
      throw UPDATE_REFUSED;
    },
    async onChange({ documentName: name, update, document, transactionOrigin }) {
      sizes.applied(document, update);
      // An edit relayed from another process was logged by the process its editor is connected to.
      if (isTransactionOrigin(transactionOrigin) && transactionOrigin.source === "redis") return;
      const postmortemId = postmortemIdOf(name);
      if (!postmortemId) return;
      const pending = logging.get(name) ?? new Set<Promise<void>>();
      logging.set(name, pending);
      const logged = appendDocumentUpdate(postmortemId, update);
      pending.add(logged);
      try {
        await logged;
      } finally {
        pending.delete(logged);
        if (pending.size === 0) logging.delete(name);
      }
    },
    async onStoreDocument({ documentName: name, document }) {
      await Promise.allSettled([...(logging.get(name) ?? [])]);
      const postmortemId = postmortemIdOf(name);
      if (postmortemId) await storeDocumentState(postmortemId, document);
    },
  });
  return hocuspocus;
}

/**
 * Applies the postmortems service's document changes to this server's documents. server.ts and
 * Next's server bundle each load their own copy of Yjs, and Yjs types from one copy fail the
 * other's checks, so the service hands over plain-data operations (document-changes.ts) and this
 * module applies them with its own copy.
 */
function documentChangeHandler(hocuspocus: Hocuspocus<TCollabContext>): TDocumentChangeHandler {
  return {
    async apply(postmortemId, operation) {
      // A direct connection loads the document if nobody has it open, and stores it when released.
      const connection = await hocuspocus.openDirectConnection(documentName(postmortemId), {}).catch((error: unknown) => {
        if (error === OPEN_ELSEWHERE) {
          throw conflict("errors.postmortem.openElsewhere");
        }
        throw error;
      });
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
    // Approved and published documents read only, for the connections open now as for later ones.
    editabilityChanged(postmortemId, editable) {
      const document = hocuspocus.documents.get(documentName(postmortemId));
      for (const connection of document?.connections.keys() ?? []) {
        connection.readOnly = !editable || !mayWrite(connection.context.actor);
      }
    },
  };
}

const ZUserAccessChange = z.object({ userId: z.string(), role: z.enum(["admin", "responder", "viewer"]), disabled: z.boolean() });
const ZEditabilityChange = z.object({ postmortemId: z.string(), editable: z.boolean() });

/** The collaboration servers started in this process (one, except in tests). */
const attached = new Set<Hocuspocus<TCollabContext>>();
const collaborationLocks = new WeakMap<Hocuspocus<TCollabContext>, TDocumentLocks>();

/** How often a process looks again for other collaboration servers on its database. */
const TOPOLOGY_CHECK_MS = 60_000;

/**
 * Warns, at once and whenever it changes for the worse, when other processes serve postmortems on
 * this database and they cannot share documents (a process without REDIS_URL among them). Returns
 * the way to stop looking.
 */
export function watchCollaborationTopology(hocuspocus: Hocuspocus<TCollabContext>, warn: (warning: string) => void): () => void {
  const locks = collaborationLocks.get(hocuspocus);
  const withRedis = Boolean(serverEnv().REDIS_URL);
  let warned: string | null = null;
  const check = async () => {
    const warning = locks ? collaborationTopologyWarning(withRedis, await locks.otherProcesses()) : null;
    if (warning && warning !== warned) warn(warning);
    warned = warning;
  };
  const report = (error: unknown) => console.warn(`[collab] could not look for other processes: ${error instanceof Error ? error.message : String(error)}`);
  void check().catch(report);
  const timer = setInterval(() => void check().catch(report), TOPOLOGY_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Stores every open document now (shutdown), instead of waiting for its debounce. */
export async function storeOpenDocuments(): Promise<void> {
  await Promise.all(
    [...attached].flatMap((hocuspocus) =>
      [...hocuspocus.documents.values()].flatMap((document) => {
        const postmortemId = postmortemIdOf(document.name);
        return postmortemId && !document.isLoading ? [storeDocumentState(postmortemId, document)] : [];
      }),
    ),
  );
}

function refuse(socket: Duplex, status: 401 | 403) {
  socket.end(`HTTP/1.1 ${status} ${status === 401 ? "Unauthorized" : "Forbidden"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Whether a WebSocket may be opened from this Origin. Browsers send the Origin of the page with
 * every WebSocket and attach the session cookie whatever that page is, so a page on another origin
 * (even another port of the same host) is refused. A request without an Origin does not come from
 * a browser page: such a client sends a cookie only if it holds one, and could send any Origin it
 * liked, so refusing it would protect nothing.
 */
export function isAllowedOrigin(origin: string | undefined, publicOrigin = new URL(publicUrl("/")).origin): boolean {
  return origin === undefined || origin === publicOrigin;
}

/**
 * Applies an admin's change of a user's role or account to that user's open sockets: a disabled
 * user's sockets are closed (reconnecting fails, the account is not active), a demoted user's
 * connections turn read-only at once, a promoted user's follow the postmortem's status.
 */
async function reauthoriseUser(hocuspocus: Hocuspocus<TCollabContext>, sockets: Map<WebSocket, TCollabContext>, change: TUserAccessChange) {
  const connections = [...hocuspocus.documents.values()].flatMap((document) =>
    document.getConnections().filter((connection) => connection.context.actor?.id === change.userId),
  );
  // A disabled user has no actor left: no further document opens on a socket still closing.
  const actorNow = (actor: TActor): TActor | undefined => (change.disabled ? undefined : { ...actor, role: change.role });
  for (const connection of connections) {
    // First of all, so that no change arriving meanwhile is taken.
    if (change.disabled || change.role === "viewer") connection.readOnly = true;
    if (connection.context.actor) connection.context.actor = actorNow(connection.context.actor);
  }
  for (const [websocket, context] of sockets) {
    if (context.actor?.id !== change.userId) continue;
    context.actor = actorNow(context.actor);
    if (change.disabled) websocket.close(ACCOUNT_DISABLED.code, ACCOUNT_DISABLED.reason);
  }
  if (change.disabled || change.role === "viewer") return;
  const postmortemIds = connections.flatMap((connection) => postmortemIdOf(connection.document.name) ?? []);
  const editable = new Map(
    (await db().postmortem.findMany({ where: { id: { in: postmortemIds } }, select: { id: true, status: true } })).map((postmortem) => [
      postmortem.id,
      isEditable(postmortem.status),
    ]),
  );
  for (const connection of connections) {
    // A later change may have demoted or disabled the user meanwhile: only what they hold now counts.
    if (!mayWrite(connection.context.actor)) continue;
    connection.readOnly = !editable.get(postmortemIdOf(connection.document.name) ?? "");
  }
}

/**
 * Serves Yjs collaboration on `/collab` of the app's own HTTP server. A WebSocket is accepted only
 * from Firebreak's own pages (Origin) with a valid session cookie of an active user; which documents
 * it may open, and whether it may write, is decided per document in onAuthenticate and again
 * whenever an admin changes the user's role or account.
 */
export function attachCollaboration(httpServer: HttpServer): Hocuspocus<TCollabContext> {
  const { DATABASE_URL, REDIS_URL } = serverEnv();
  const relay = redisRelay(REDIS_URL);
  const sockets = new Map<WebSocket, TCollabContext>();
  const reauthorise = (change: TUserAccessChange) => {
    reauthoriseUser(hocuspocus, sockets, change).catch((error) => console.error("[collab] re-checking a user's access failed", error));
  };
  // Changes made through another process arrive as notifications; those made here arrive both ways,
  // and applying one twice does nothing more.
  const onNotification = (channel: string, payload: string) => {
    try {
      if (channel === USER_ACCESS_CHANNEL) reauthorise(ZUserAccessChange.parse(JSON.parse(payload)));
      if (channel === EDITABILITY_CHANNEL) {
        const { postmortemId, editable } = ZEditabilityChange.parse(JSON.parse(payload));
        changes.editabilityChanged(postmortemId, editable);
      }
    } catch (error) {
      console.warn(`[collab] ignored a malformed notification on ${channel}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  // Without its locks this process may no longer hold documents: editors reconnect and take them again.
  const locks = documentLocks(DATABASE_URL as string, relay !== null, () => hocuspocus.closeConnections(), {
    channels: [USER_ACCESS_CHANNEL, EDITABILITY_CHANNEL],
    onNotification,
  });
  const hocuspocus = createHocuspocus(locks, relay);
  attached.add(hocuspocus);
  collaborationLocks.set(hocuspocus, locks);
  const changes = documentChangeHandler(hocuspocus);
  const stopHandlingChanges = handleDocumentChanges(changes);
  const websocketServer = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const stopListening = onUserAccessChanged(reauthorise);
  // The server stays in `attached` after its HTTP server closes: on SIGTERM the listener closes
  // before the open documents are stored (server.ts), and a document dropped from here would be
  // stored only by Hocuspocus' own unload, cut off when the database disconnects.
  httpServer.on("close", () => {
    stopListening();
    stopHandlingChanges();
    void locks.close();
    void relay?.onDestroy();
  });
  httpServer.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = request.url ?? "";
    // Other upgrades (Next's dev reloads) are not ours to answer.
    if (url !== COLLAB_PATH && !url.startsWith(`${COLLAB_PATH}?`) && !url.startsWith(`${COLLAB_PATH}/`)) return;
    if (!isAllowedOrigin(request.headers.origin)) return refuse(socket, 403);
    void (async () => {
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(key, value);
      const webRequest = new Request(`http://${request.headers.host ?? "localhost"}${url}`, { headers });
      const userId = await sessionUserIdFromCookieHeader(request.headers.cookie).catch(() => null);
      const actor = userId ? await findActiveActor(userId) : null;
      if (!actor) return refuse(socket, 401);
      websocketServer.handleUpgrade(request, socket, head, (websocket) => {
        const context: TCollabContext = { actor };
        sockets.set(websocket, context);
        const connection = hocuspocus.handleConnection(websocket, webRequest, context);
        websocket.on("message", (data: Buffer) => connection.handleMessage(new Uint8Array(data)));
        websocket.on("close", (code, reason) => {
          sockets.delete(websocket);
          connection.handleClose({ code, reason: reason.toString() });
        });
      });
    })();
  });
  return hocuspocus;
}
