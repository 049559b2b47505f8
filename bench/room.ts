// The incident room on a long incident, in a real browser: an incident with 1,000 timeline entries,
// one responder (the author) and one other viewer with the room open. The author posts notes
// (Ctrl+Enter) and changes the status; for each, the time from the author's key press or click to
// the change being on screen for the author and for the viewer. Needs a production build (`npm run
// build`) and Debian's Chromium. Prints figures and the machine's load; asserts nothing.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import "../lib/launcher/server-only-in-node";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/migrate";
import { startBenchServer, setBenchEnvironment } from "./bench-server";

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const PASSWORD = "bench-password-123";

const dataDir = await mkdtemp(path.join(tmpdir(), "firebreak-bench-room-"));
const database = await startEmbeddedPostgres(dataDir);
setBenchEnvironment(database.databaseUrl);
await applyMigrations(database.databaseUrl, () => {});

const { db, disconnectDb } = await import("../lib/db/prisma");
const { insertUser } = await import("../lib/users/service");
const { declareIncident, updateIncident } = await import("../lib/incidents/service");
const { appendTimelineEntries } = await import("../lib/timeline/service");

const users = [];
for (const name of ["Author", "Viewer"]) {
  const user = await insertUser({ email: `${name.toLowerCase()}@room.bench.example`, name, role: "responder", password: PASSWORD });
  users.push({ id: user.id, name: user.name, email: user.email, role: user.role });
}
const [author, viewer] = users as [(typeof users)[number], (typeof users)[number]];
const incident = await declareIncident(author, { title: "Room benchmark", severity: "SEV2", serviceIds: [], summary: "" });
await updateIncident(author, incident.id, { status: "investigating" });
// The rest of the 1,000 entries: notes, one insert (the room pays for reading them, not for writing them).
const seeded = await db().timelineEntry.count({ where: { incidentId: incident.id } });
const start = Date.now() - ENTRIES * 60_000;
await db().$transaction((tx) =>
  appendTimelineEntries(
    tx,
    Array.from({ length: ENTRIES - seeded }, (_, index) => ({
      incidentId: incident.id,
      kind: "note" as const,
      actorId: index % 2 === 0 ? author.id : viewer.id,
      occurredAt: new Date(start + index * 60_000),
      body: `Observation ${index + 1}: error rate ${(index % 17) + 1}%, p99 ${300 + (index % 40) * 10} ms.`,
    })),
  ),
);
const total = await db().timelineEntry.count({ where: { incidentId: incident.id } });
await disconnectDb();

const server = await startBenchServer({ DATABASE_URL: database.databaseUrl, FIREBREAK_INTAKE_PER_MINUTE: "0" });
const base = `http://127.0.0.1:${server.port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

async function openRoom(email: string): Promise<{ page: Page; loadMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${base}/signin`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/incidents/);
  const started = Date.now();
  await page.goto(`${base}/incidents/${incident.id}`);
  await page.locator('[data-testid="live-status"][data-connected="true"]').waitFor();
  const loadMs = Date.now() - started;
  // When the author acts: the key press or click, recorded in the page before the page handles it.
  // (Scripts are passed as text: tsx would wrap functions in a helper the page does not have.)
  await page.evaluate(`(() => {
    const mark = () => (window.actedAt = Date.now());
    document.addEventListener("keydown", (event) => event.key === "Enter" && (event.ctrlKey || event.metaKey) && mark(), { capture: true });
    document.addEventListener("click", (event) => event.target.closest(".room-controls button") && mark(), { capture: true });
  })()`);
  return { page, loadMs };
}

/** Resolves with the wall-clock time at which the probe first holds for the page's DOM. */
const whenShown = (page: Page, probe: { selector: string; text: string; exact: boolean }) =>
  page.evaluate(`new Promise((resolve) => {
    const probe = ${JSON.stringify(probe)};
    const holds = () => {
      const content = document.querySelector(probe.selector)?.textContent?.trim() ?? "";
      return probe.exact ? content === probe.text : content.includes(probe.text);
    };
    if (holds()) return resolve(Date.now());
    const observer = new MutationObserver(() => {
      if (!holds()) return;
      observer.disconnect();
      resolve(Date.now());
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  })`) as Promise<number>;

const authorRoom = await openRoom(author.email);
const viewerRoom = await openRoom(viewer.email);
const feedItems = await authorRoom.page.locator('[data-testid="timeline"] > li').count();
const result = { note: { author: [] as number[], viewer: [] as number[] }, status: { author: [] as number[], viewer: [] as number[] } };

async function measure(kind: "note" | "status", probe: { selector: string; text: string; exact: boolean }, act: () => Promise<void>) {
  const [seenByAuthor, seenByViewer] = [whenShown(authorRoom.page, probe), whenShown(viewerRoom.page, probe)];
  await act();
  const [authorAt, viewerAt] = await Promise.all([seenByAuthor, seenByViewer]);
  const actedAt = (await authorRoom.page.evaluate("window.actedAt")) as number;
  result[kind].author.push(authorAt - actedAt);
  result[kind].viewer.push(viewerAt - actedAt);
}

const noteBox = authorRoom.page.getByRole("textbox", { name: "Add a note to the timeline" });
for (let round = 1; round <= ROUNDS; round++) {
  const text = `Bench note ${round} ${Date.now()}`;
  await noteBox.fill(text);
  await measure("note", { selector: '[data-testid="timeline"] > li', text, exact: false }, () => noteBox.press("Control+Enter"));
  // Let the round settle (the stream's echo, the page's catch-up) before the next.
  await authorRoom.page.waitForTimeout(300);

  const to = round % 2 === 1 ? "Identified" : "Investigating";
  await measure("status", { selector: '[data-testid="incident-status"]', text: to, exact: true }, () =>
    authorRoom.page.locator(".room-controls").getByRole("button", { name: to, exact: true }).click(),
  );
  await authorRoom.page.waitForTimeout(500);
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;
const line = (values: number[]) => `p50 ${percentile(values, 50)} ms, p90 ${percentile(values, 90)} ms, max ${Math.max(...values)} ms`;
const rssMiB = Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${server.process.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
console.log(`incident with ${total} timeline entries; the feed shows ${feedItems} at first`);
console.log(`room opened (navigation to live) in ${authorRoom.loadMs} ms (author), ${viewerRoom.loadMs} ms (viewer)`);
console.log(`note, visible to its author:        ${line(result.note.author)}   (target 150 ms)`);
console.log(`note, visible to the other viewer:  ${line(result.note.viewer)}   (target 500 ms)`);
console.log(`status, visible to its author:      ${line(result.status.author)}   (target 150 ms)`);
console.log(`status, visible to the other viewer: ${line(result.status.viewer)}   (target 500 ms)`);
console.log(`server RSS ${rssMiB.toFixed(0)} MiB; load average ${loadavg().map((value) => value.toFixed(2)).join(" / ")} (1/5/15 min) on ${(await readFile("/proc/cpuinfo", "utf8")).match(/^processor/gm)?.length} cores`);

await browser.close();
await server.stop();
await database.stop();
await rm(dataDir, { recursive: true, force: true });
