import { randomUUID } from "node:crypto";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import WebSocket from "ws";
import * as Y from "yjs";
import { startEmbeddedPostgres, type TEmbeddedDatabase } from "../lib/db/embedded-postgres";
import { DOCUMENT_FIELD } from "../lib/postmortems/document-schema";
import {
  api,
  attachOutputIfFailed,
  createAdminWithToken,
  embeddedDatabaseUrl,
  expectAllGone,
  launchFirebreak,
  newDataDir,
  processTree,
  removeDataDir,
  stopFirebreak,
  waitUntilHealthy,
  withDatabase,
  type TFirebreakProcess,
  type TLaunch,
} from "./server-process";

// Real processes, no browser: SIGTERM to Firebreak however it was started must stop everything it
// started, end live connections politely, store open documents, and exit 0.
const servers: TFirebreakProcess[] = [];
const dataDirs: string[] = [];
const externalDatabases: TEmbeddedDatabase[] = [];

test.afterEach(async ({}, testInfo) => {
  await attachOutputIfFailed(testInfo, servers);
  for (const server of servers.splice(0)) await stopFirebreak(server);
  for (const database of externalDatabases.splice(0)) await database.stop();
  for (const dir of dataDirs.splice(0)) await removeDataDir(dir);
});

/** A live timeline stream held open; `ended` tells how it ended: "ended" (the server closed it) or the error. */
async function openLiveStream(server: TFirebreakProcess, token: string): Promise<{ ended: Promise<string> }> {
  const response = await fetch(`${server.baseUrl}/api/events`, { headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" } });
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let received = "";
  const decoder = new TextDecoder();
  // Wait until the stream is live, so that the server knows it as an open stream.
  while (!received.includes(": live")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the stream ended before it was live");
    received += decoder.decode(value);
  }
  const ended = (async () => {
    try {
      while (!(await reader.read()).done);
      return "ended";
    } catch (error) {
      return `failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  })();
  return { ended };
}

async function sigtermAndExpectCleanStop(server: TFirebreakProcess) {
  const tree = processTree(server.child.pid as number);
  server.child.kill("SIGTERM");
  const exit = await server.exited;
  expect(server.output()).toContain("SIGTERM: stopping…");
  expect(server.output()).toContain("Stopped cleanly.");
  expect(exit).toEqual({ code: 0, signal: null });
  await expectAllGone(tree);
}

for (const how of ["npm start", "node --import tsx"] satisfies TLaunch[]) {
  test(`SIGTERM to \`${how}\` on the embedded database ends live streams, stops PostgreSQL and exits 0 with nothing left running`, async () => {
    test.setTimeout(240_000);
    const dataDir = await newDataDir("shutdown");
    dataDirs.push(dataDir);
    const server = await launchFirebreak({ dataDir, how });
    servers.push(server);
    await waitUntilHealthy(server);
    const { token } = await createAdminWithToken(await embeddedDatabaseUrl(dataDir));
    const stream = await openLiveStream(server, token);
    const tree = processTree(server.child.pid as number);
    // Firebreak, and under it the PostgreSQL it started.
    expect(tree.length).toBeGreaterThan(2);

    await sigtermAndExpectCleanStop(server);
    expect(await stream.ended).toBe("ended");
  });
}

test("a Firebreak whose log reader went away keeps answering, and SIGTERM still stops it and its PostgreSQL", async () => {
  test.setTimeout(240_000);
  const dataDir = await newDataDir("lost-output");
  dataDirs.push(dataDir);
  const server = await launchFirebreak({ dataDir });
  servers.push(server);
  await waitUntilHealthy(server);
  const tree = processTree(server.child.pid as number);

  // The supervisor's end of the pipes closes (it crashed, or the journal restarted): log lines now fail with EPIPE.
  server.child.stdout?.destroy();
  server.child.stderr?.destroy();
  for (let request = 0; request < 3; request++) {
    // Each refusal writes a log line.
    expect((await fetch(`${server.baseUrl}/api/me`, { signal: AbortSignal.timeout(10_000) })).status).toBe(401);
  }
  expect((await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);

  server.child.kill("SIGTERM");
  expect(await server.exited).toEqual({ code: 0, signal: null });
  await expectAllGone(tree);
});

test("SIGTERM on an external database stores the open postmortem, closes its editors politely and exits 0", async () => {
  test.setTimeout(240_000);
  // Another PostgreSQL, started apart from Firebreak as a database server of its own.
  const externalDir = await newDataDir("external-db");
  dataDirs.push(externalDir);
  const external = await startEmbeddedPostgres(externalDir);
  externalDatabases.push(external);
  const secret = `shutdown-test-${randomUUID()}`;
  const server = await launchFirebreak({ dataDir: await newDataDir("external-app"), env: { DATABASE_URL: external.databaseUrl, NEXTAUTH_SECRET: secret } });
  dataDirs.push(server.dataDir);
  servers.push(server);
  await waitUntilHealthy(server);

  const { userId, token } = await createAdminWithToken(external.databaseUrl);
  const incident = await api(server, token, "POST", "/api/incidents", { title: `Stopped while edited ${randomUUID()}`, severity: "SEV3" });
  expect((await api(server, token, "PATCH", `/api/incidents/${incident.body?.number}`, { status: "resolved" })).status).toBe(200);
  const postmortem = await api(server, token, "POST", `/api/incidents/${incident.body?.number}/postmortem`, { language: "en" });
  expect(postmortem.status).toBe(201);
  const postmortemId = postmortem.body?.id as string;
  const stream = await openLiveStream(server, token);

  // An editor, as the browser connects: the session cookie on the WebSocket upgrade.
  const cookie = `next-auth.session-token=${await encode({ token: { uid: userId, sub: userId }, secret })}`;
  // Each connection's close code, in the order the connections were made: the first is the editor's.
  const closeCodes: number[][] = [];
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: `${server.baseUrl.replace("http", "ws")}/collab`,
    WebSocketPolyfill: class extends WebSocket {
      constructor(address: string) {
        super(address, { headers: { cookie, origin: server.baseUrl } });
        const codes: number[] = [];
        closeCodes.push(codes);
        this.on("close", (code) => codes.push(code));
      }
    },
  });
  const document = new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider, name: `postmortem:${postmortemId}`, document, token: "session" });
  provider.attach();
  try {
    await new Promise<void>((resolve) => provider.on("synced", () => resolve()));
    const words = `Typed just before SIGTERM ${randomUUID()}`;
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(words)]);
    document.getXmlFragment(DOCUMENT_FIELD).insert(1, [paragraph]);
    // The server has the edit in its update log, not yet in the stored document.
    await expect
      .poll(
        () =>
          withDatabase(
            external.databaseUrl,
            async (client) => (await client.query(`SELECT 1 FROM "PostmortemUpdate" WHERE "postmortemId" = $1`, [postmortemId])).rowCount,
          ),
        {
          timeout: 10_000,
          intervals: [50],
        },
      )
      .toBeGreaterThan(0);

    expect(closeCodes).toEqual([[]]);

    await sigtermAndExpectCleanStop(server);
    expect(await stream.ended).toBe("ended");
    // A close frame (1001, going away; not a dropped connection, 1006) told the open editor to reconnect
    // later. Its attempts to reconnect meet a server that no longer listens, which is what they should meet.
    expect(closeCodes[0]).toEqual([1001]);
    const stored = await withDatabase(external.databaseUrl, async (client) => ({
      text: (await client.query(`SELECT "contentText" FROM "Postmortem" WHERE id = $1`, [postmortemId])).rows[0]?.contentText as string,
      pendingUpdates: (await client.query(`SELECT 1 FROM "PostmortemUpdate" WHERE "postmortemId" = $1`, [postmortemId])).rowCount,
    }));
    expect(stored.text).toContain(words);
    expect(stored.pendingUpdates).toBe(0);
  } finally {
    provider.destroy();
    websocketProvider.destroy();
  }
});
