import { spawn } from "node:child_process";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { createIntegration } from "@/lib/alerts/integrations";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { serverEnv } from "@/lib/env/server-env";
import { declareIncident, updateIncident } from "@/lib/incidents/service";
import { documentName } from "@/lib/postmortems/collaboration";
import { DOCUMENT_OPEN_ELSEWHERE } from "@/lib/postmortems/collaboration-limits";
import { documentSnapshot } from "@/lib/postmortems/document-state";
import { loadStoredDocument } from "@/lib/postmortems/document-store";
import { createPostmortem } from "@/lib/postmortems/service";
import { createTestUser, createTestUserWithToken } from "@/lib/testing/factories";
import { documentText, eventually, sessionCookie, type } from "@/tests/collaboration-client";
import { missingForReferenceDeployment, startReferenceDeployment, type TAppProcess, type TReferenceDeployment } from "@/tests/reference-deployment";
import { createScratchDatabase } from "@/tests/scratch-database";
import { useDatabase } from "@/tests/use-database";

// README's "Running as many processes", for real: three app processes (production build, started as
// the systemd unit starts them) on one PostgreSQL, with Debian's redis-server and nginx in front,
// running the repository's deploy/nginx/firebreak.conf. Every client goes through nginx, except where
// a test needs to name the process (a stream on one, a write through another).

const missing = missingForReferenceDeployment();
if (missing) console.warn(`Skipping the reference deployment: ${missing}.`);

const MINUTE = 60_000;
let deployment: TReferenceDeployment;
let author: TActor;
let colleague: TActor;
let token: string;
let alertKey: string;
/** Processes a test starts beside the three. */
const strays: TAppProcess[] = [];

/** An editor connected through nginx, and the app process nginx sent its WebSocket to. */
type TEditor = { provider: HocuspocusProvider; document: Y.Doc; upstreams: string[]; refusals: string[]; destroy(): void };

async function connectEditor(url: string, actor: TActor, postmortemId: string, options: { waitForSync?: boolean } = {}): Promise<TEditor> {
  const cookie = await sessionCookie(actor);
  const document = new Y.Doc();
  const upstreams: string[] = [];
  const origin = deployment.publicUrl;
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: `${url.replace(/^http/, "ws")}/collab`,
    WebSocketPolyfill: class extends WebSocket {
      constructor(address: string) {
        super(address, { headers: { cookie, origin } });
        this.on("upgrade", (response) => upstreams.push(String(response.headers["x-firebreak-upstream"] ?? url)));
      }
    },
  });
  const provider = new HocuspocusProvider({ websocketProvider, name: documentName(postmortemId), document, token: "session" });
  const refusals: string[] = [];
  provider.on("authenticationFailed", ({ reason }: { reason: string }) => refusals.push(reason));
  const synced = new Promise<void>((resolve) => provider.on("synced", () => resolve()));
  provider.attach();
  if (options.waitForSync !== false) await synced;
  return {
    provider,
    document,
    upstreams,
    refusals,
    destroy() {
      provider.destroy();
      websocketProvider.destroy();
    },
  };
}

async function newPostmortem(title: string) {
  const incident = await declareIncident(author, { title, severity: "SEV3", serviceIds: [], summary: "" });
  await updateIncident(author, incident.id, { status: "resolved" });
  return (await createPostmortem(author, incident.id, "en")).id;
}

/** Every paragraph is in the document as PostgreSQL keeps it (state plus log), and in its search text once folded. */
async function storedParagraphs(postmortemId: string) {
  const stored = documentSnapshot((await loadStoredDocument(postmortemId)) as Y.Doc).text;
  const row = await db().postmortem.findUniqueOrThrow({ where: { id: postmortemId }, select: { contentText: true } });
  const logged = await db().postmortemUpdate.count({ where: { postmortemId } });
  return { stored, folded: row.contentText, logged };
}

function sendAlert(dedupKey: string, title = "Checkout latency above SLO") {
  return fetch(`${deployment.publicUrl}/api/integrations/${alertKey}/alerts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ dedupKey, status: "firing", title, severity: "critical", service: "checkout" }),
  });
}

describe.skipIf(missing !== null)("the reference deployment: three processes, PostgreSQL, Redis and nginx", () => {
  beforeAll(async () => {
    // Each process would rebuild a stale production build at start: build once, first.
    await new Promise<void>((resolve, reject) => {
      const build = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/ensure-build.ts"], { stdio: "inherit" });
      build.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the production build failed (${code})`))));
    });
    await useDatabase(await createScratchDatabase(inject("databaseUrl")));
    author = await createTestUser("responder", "Rhea Reference");
    colleague = await createTestUser("responder", "Nico Nginx");
    ({ token } = await createTestUserWithToken("admin"));
    const admin = await createTestUser("admin");
    alertKey = (await createIntegration(admin, { name: "reference", source: "generic", defaultServiceId: null, defaultSeverity: "SEV3" })).key;
    deployment = await startReferenceDeployment({ databaseUrl: serverEnv().DATABASE_URL as string, secret: serverEnv().NEXTAUTH_SECRET as string, appCount: 3 });
  }, 15 * MINUTE);

  afterAll(async () => {
    await deployment?.stop();
  }, 2 * MINUTE);

  // What the processes said is the only account of a failure among them.
  afterEach(({ task }) => {
    if (task.result?.state !== "fail") return;
    for (const app of [...(deployment?.apps ?? []), ...strays]) console.error(`--- app process on port ${app.port}:\n${app.output()}`);
  });

  it("lets two editors on different processes converge, and keeps both editors' text once both processes stored it", async () => {
    const postmortemId = await newPostmortem("Edited through two processes");
    const first = await connectEditor(deployment.publicUrl, author, postmortemId);
    // nginx sends a new connection to the process with the fewest: another one than the first editor's.
    const second = await connectEditor(deployment.publicUrl, colleague, postmortemId);
    expect(second.upstreams[0]).not.toBe(first.upstreams[0]);

    for (let paragraph = 1; paragraph <= 10; paragraph += 1) {
      type(first.document, `Rhea's paragraph ${paragraph}`);
      type(second.document, `Nico's paragraph ${paragraph}`);
    }
    const everything = (text: string) =>
      Array.from({ length: 10 }, (_, index) => index + 1).every((n) => text.includes(`Rhea's paragraph ${n}`) && text.includes(`Nico's paragraph ${n}`));
    await eventually(() => everything(documentText(first.document)) && everything(documentText(second.document)), 30_000);
    await eventually(() => first.provider.unsyncedChanges === 0 && second.provider.unsyncedChanges === 0, 30_000);
    first.destroy();
    second.destroy();

    // Both processes store what their editor sent (and what the other relayed); the log empties once folded.
    let now = await storedParagraphs(postmortemId);
    const settled = () => everything(now.stored) && everything(now.folded) && now.logged === 0;
    await eventually(async () => {
      now = await storedParagraphs(postmortemId);
      return settled();
    }, 60_000).catch(() => undefined);
    expect({ inStateAndLog: everything(now.stored), inSearchText: everything(now.folded), stillLogged: now.logged }).toEqual({
      inStateAndLog: true,
      inSearchText: true,
      stillLogged: 0,
    });
  }, 2 * MINUTE);

  it("streams an entry written through one process to a live stream on another", async () => {
    const incident = await declareIncident(author, { title: "Watched on one process", severity: "SEV2", serviceIds: [], summary: "" });
    const [watched, written] = [deployment.apps[0], deployment.apps[1]] as const;
    const stream = await fetch(`${watched?.baseUrl}/api/incidents/${incident.id}/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(stream.status).toBe(200);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();

    const note = await fetch(`${written?.baseUrl}/api/incidents/${incident.id}/timeline`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ body: "Written through the second process" }),
    });
    expect(note.status).toBe(201);

    let received = "";
    const decoder = new TextDecoder();
    while (!received.includes("Written through the second process")) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value, { stream: true });
    }
    await reader.cancel();
    expect(received).toContain("Written through the second process");
  }, MINUTE);

  it("opens one incident for one alert delivered many times at once, whichever process receives each delivery", async () => {
    const responses = await Promise.all(Array.from({ length: 30 }, () => sendAlert("checkout-latency/at-once")));
    expect(responses.map((response) => response.status)).toEqual(Array(30).fill(202));
    expect(new Set(responses.map((response) => response.headers.get("x-firebreak-upstream"))).size).toBeGreaterThan(1);

    const alerts = await db().alert.findMany({ where: { dedupKey: "checkout-latency/at-once" }, select: { incidentId: true, occurrences: true } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.incidentId).not.toBeNull();
    expect(alerts[0]?.occurrences).toBe(30);
  }, MINUTE);

  it("loses nothing acknowledged when a process is killed under load: editors and senders go on through the others", async () => {
    const postmortemId = await newPostmortem("Edited while a process dies");
    const editor = await connectEditor(deployment.publicUrl, author, postmortemId);
    const victim = deployment.apps.find((app) => editor.upstreams[0]?.endsWith(`:${app.port}`));
    expect(victim).toBeDefined();

    // Senders retry what was not acknowledged, as Alertmanager does; each key is sent until a 2xx.
    const acknowledged = new Set<string>();
    const keys = Array.from({ length: 80 }, (_, index) => `kill-test/${index}`);
    const sender = async (mine: string[]) => {
      for (const key of mine) {
        for (let attempt = 1; attempt <= 20 && !acknowledged.has(key); attempt += 1) {
          const status = await sendAlert(key, `Alert ${key}`)
            .then((response) => response.status)
            .catch(() => 0);
          if (status === 202) acknowledged.add(key);
          else await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
        }
      }
    };
    const typist = async () => {
      for (let paragraph = 1; paragraph <= 40; paragraph += 1) {
        type(editor.document, `Typed through the failure ${paragraph}`);
        if (paragraph === 15) victim?.child.kill("SIGKILL");
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    await Promise.all([typist(), ...[0, 1, 2, 3].map((lane) => sender(keys.filter((_, index) => index % 4 === lane)))]);
    await victim?.exited;

    expect([...acknowledged].sort()).toEqual([...keys].sort());
    const stored = await db().alert.groupBy({ by: ["dedupKey"], where: { dedupKey: { in: keys } }, _count: { _all: true } });
    expect(stored).toHaveLength(keys.length);
    expect(stored.every((row) => row._count._all === 1)).toBe(true);

    // The editor reconnected through nginx to a living process and handed over what it had typed.
    await eventually(() => editor.upstreams.length > 1 && editor.provider.isSynced && editor.provider.unsyncedChanges === 0, 60_000);
    expect(editor.upstreams.at(-1)).not.toBe(editor.upstreams[0]);
    const typed = Array.from({ length: 40 }, (_, index) => `Typed through the failure ${index + 1}`);
    await eventually(async () => {
      const { stored: text } = await storedParagraphs(postmortemId);
      return typed.every((paragraph) => text.includes(paragraph));
    }, 30_000);
    editor.destroy();
  }, 3 * MINUTE);

  it("warns at the start of a process without REDIS_URL among them, which refuses a postmortem open on the others", async () => {
    const postmortemId = await newPostmortem("Open through Redis");
    const editor = await connectEditor(deployment.publicUrl, author, postmortemId);
    const stray = await deployment.startApp({ FIREBREAK_ROLE: "web" });
    strays.push(stray);
    await eventually(() => /WARNING: \d+ other Firebreak process(es)? serves? postmortems on this database, and this one has no REDIS_URL/.test(stray.output()), 30_000);

    const refused = await connectEditor(stray.baseUrl, colleague, postmortemId, { waitForSync: false });
    await eventually(() => refused.refusals.length > 0, 30_000);
    expect(refused.refusals).toEqual([DOCUMENT_OPEN_ELSEWHERE]);
    refused.destroy();
    editor.destroy();
  }, 6 * MINUTE);
});
