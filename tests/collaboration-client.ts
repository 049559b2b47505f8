import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { encode } from "next-auth/jwt";
import WebSocket from "ws";
import * as Y from "yjs";
import type { TActor } from "@/lib/auth/permissions";
import { serverEnv } from "@/lib/env/server-env";
import { publicUrl } from "@/lib/http/public-url";
import { attachCollaboration, documentName } from "@/lib/postmortems/collaboration";
import { DOCUMENT_FIELD } from "@/lib/postmortems/document-schema";

// Editors of the real collaboration server over real WebSockets, for integration tests.

/** The Origin a browser sends from Firebreak's own pages. */
export const PUBLIC_ORIGIN = new URL(publicUrl("/")).origin;

export async function sessionCookie(actor: TActor) {
  const token = await encode({ token: { uid: actor.id, sub: actor.id }, secret: serverEnv().NEXTAUTH_SECRET as string });
  return `next-auth.session-token=${token}`;
}

export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const documentText = (document: Y.Doc) => document.getXmlFragment(DOCUMENT_FIELD).toString();

/** Types a paragraph at the top of the document, as an editor would. */
export function type(document: Y.Doc, words: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(words)]);
  document.getXmlFragment(DOCUMENT_FIELD).insert(1, [paragraph]);
}

/** The status code a WebSocket upgrade to `url` gets with these headers (101 when it opens). */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise<number>((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
    socket.on("open", () => {
      socket.close();
      resolve(101);
    });
  });
}

const MESSAGE_SYNC_STATUS = 8;

export type TEditor = Awaited<ReturnType<TCollaboration["connect"]>>;
export type TCollaboration = ReturnType<typeof collaborationServers>;

/** Starts collaboration servers on free ports and connects editors to them; `stopAll` after each test. */
export function collaborationServers() {
  const running: { server: Server; hocuspocus: ReturnType<typeof attachCollaboration>; providers: HocuspocusProvider[] }[] = [];

  async function stop(entry: (typeof running)[number]) {
    for (const provider of entry.providers) {
      provider.destroy();
      provider.configuration.websocketProvider.destroy();
    }
    await eventually(() => entry.hocuspocus.getDocumentsCount() === 0);
    entry.server.closeAllConnections();
    await new Promise<void>((resolve) => entry.server.close(() => resolve()));
  }

  return {
    /** The app's HTTP server with collaboration attached, on a free port. */
    async start() {
      const server = createServer((_request, response) => response.writeHead(404).end());
      const hocuspocus = attachCollaboration(server);
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const entry = { server, hocuspocus, providers: [] as HocuspocusProvider[] };
      running.push(entry);
      return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/collab`, hocuspocus, entry };
    },

    /** An editor with the actor's session cookie, from Firebreak's own page, synced with the server's copy. */
    async connect(server: { url: string; entry: (typeof running)[number] }, actor: TActor, postmortemId: string) {
      const cookie = await sessionCookie(actor);
      const document = new Y.Doc();
      const closes: { code: number; reason: string }[] = [];
      // Node's WebSocket sends no cookie or Origin by itself: this one sends them as a browser would.
      const websocketProvider = new HocuspocusProviderWebsocket({
        url: server.url,
        WebSocketPolyfill: class extends WebSocket {
          constructor(address: string) {
            super(address, { headers: { cookie, origin: PUBLIC_ORIGIN } });
            this.on("close", (code, reason) => closes.push({ code, reason: reason.toString() }));
          }
        },
      });
      const provider = new HocuspocusProvider({ websocketProvider, name: documentName(postmortemId), document, token: "session" });
      // Every answer the server gave to a change: true when it took it, false when it dropped it.
      const syncStatuses: boolean[] = [];
      const documentCloses: string[] = [];
      provider.on("message", ({ message }: { message: { readVarString(): string; readVarUint(): number } }) => {
        message.readVarString();
        // The status is a varint of 0 or 1, encoded like the unsigned 0 or 1.
        if (message.readVarUint() === MESSAGE_SYNC_STATUS) syncStatuses.push(message.readVarUint() === 1);
      });
      provider.on("close", ({ event }: { event: { reason: string } }) => documentCloses.push(event.reason));
      provider.attach();
      server.entry.providers.push(provider);
      await new Promise<void>((resolve) => provider.on("synced", () => resolve()));
      await eventually(() => provider.unsyncedChanges === 0);
      return {
        provider,
        document,
        /** Answers to this editor's changes, in order. */
        syncStatuses,
        /** Reasons the server gave for closing this editor's connection to the document. */
        documentCloses,
        /** Closes of the WebSocket itself, with their codes. */
        socketCloses: closes,
        /** Types a paragraph and waits for the server's answer to it: whether it took the change. */
        async typeAndWaitForAnswer(words: string) {
          const answered = syncStatuses.length;
          type(document, words);
          await eventually(() => syncStatuses.length > answered || documentCloses.length > 0);
          return syncStatuses[answered] ?? false;
        },
      };
    },

    /** An editor the server refuses to give the document to: the reason it gives (after authenticating the socket). */
    async refusal(server: { url: string; entry: (typeof running)[number] }, actor: TActor, postmortemId: string): Promise<string> {
      const cookie = await sessionCookie(actor);
      const websocketProvider = new HocuspocusProviderWebsocket({
        url: server.url,
        WebSocketPolyfill: class extends WebSocket {
          constructor(address: string) {
            super(address, { headers: { cookie, origin: PUBLIC_ORIGIN } });
          }
        },
      });
      const provider = new HocuspocusProvider({ websocketProvider, name: documentName(postmortemId), document: new Y.Doc(), token: "session" });
      const refused = new Promise<string>((resolve) => provider.on("authenticationFailed", ({ reason }: { reason: string }) => resolve(reason)));
      provider.attach();
      server.entry.providers.push(provider);
      return refused;
    },

    async stopAll() {
      while (running.length > 0) await stop(running.pop() as (typeof running)[number]);
    },
  };
}
