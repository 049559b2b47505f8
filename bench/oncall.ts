// On call, end to end: an alert reaching the person on call by email, through the real server (its
// escalation worker and notifications) and a real SMTP server in this process.
//   1. 100 Alertmanager webhooks at once, each a new group: 100 incidents. For each, the time from
//      sending its webhook to the SMTP server receiving the on-call person's email about it.
//   2. Half of them are acknowledged; the other half escalate to step 2 a minute after step 1, while
//      the ingest benchmark's load runs. For each, how late step 2's email arrives.
// Needs a production build (`npm run build`). Prints figures and counts; asserts nothing.
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo, Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import "../lib/launcher/server-only-in-node";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/migrate";
import { startBenchServer, setBenchEnvironment } from "./bench-server";
import { firstSight, sustainedLoad, TARGET_ALERTS_PER_SECOND } from "./ingest-load";

const INCIDENTS = 100;
const STEP_DELAY_MINUTES = 1;
const LOAD_ALERTS_PER_SECOND = Number(process.env.BENCH_LOAD_ALERTS ?? TARGET_ALERTS_PER_SECOND);
const AIKO = "aiko@oncall.bench.example";
const BEN = "ben@oncall.bench.example";

type TMail = { to: string; reference: string; receivedAt: number };

/** An SMTP server that notes when each message has been received whole, and which incident it is about. */
async function startSmtpServer() {
  const mails: TMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const receivedAt = Date.now();
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address).join(",");
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            // The subject reads "[SEV2] INC-12 Title".
            const reference = /\bINC-\d+\b/.exec(mail.subject ?? "")?.[0] ?? "";
            mails.push({ to, reference, receivedAt });
            callback();
          })
          .catch(callback);
      });
    },
  });
  // smtp-server keeps its net.Server as `server`, which its types leave out.
  const net = (server as unknown as { server: Server }).server;
  const port = await new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((net.address() as AddressInfo).port)));
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${seconds(percentile(sorted, 50))}, p99 ${seconds(percentile(sorted, 99))}, max ${seconds(sorted.at(-1) ?? Number.NaN)}`;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An Alertmanager 0.25 webhook for one group of one firing alert (the shape of its `webhook` receiver). */
function alertmanagerGroup(name: string): string {
  const labels = { alertname: name, instance: "api-1", job: "api", severity: "critical" };
  const annotations = { summary: `${name}: p99 latency above 800ms` };
  return JSON.stringify({
    receiver: "firebreak",
    status: "firing",
    alerts: [
      {
        status: "firing",
        labels,
        annotations,
        startsAt: new Date().toISOString(),
        endsAt: "0001-01-01T00:00:00Z",
        generatorURL: "http://prometheus:9090/graph?g0.expr=histogram_quantile",
        fingerprint: `oncall-${name}`,
      },
    ],
    groupLabels: { alertname: name },
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL: "http://alertmanager:9093",
    version: "4",
    groupKey: `{}:{alertname="${name}"}`,
    truncatedAlerts: 0,
  });
}

const dataDir = await mkdtemp(path.join(tmpdir(), "firebreak-bench-oncall-"));
const database = await startEmbeddedPostgres(dataDir);
setBenchEnvironment(database.databaseUrl);
await applyMigrations(database.databaseUrl, () => {});
const { db, disconnectDb } = await import("../lib/db/prisma");
const { insertUser, createApiToken } = await import("../lib/users/service");
const { saveChannel } = await import("../lib/notifications/channel-store");
const { createEscalationPolicy, setIntegrationEscalationPolicy } = await import("../lib/escalation/service");

const smtp = await startSmtpServer();
const server = await startBenchServer({ FIREBREAK_INTAKE_PER_MINUTE: "0", FIREBREAK_OUTBOUND_ALLOW: "127.0.0.0/8" });
const base = `http://127.0.0.1:${server.port}`;

async function api<T>(token: string, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Sends one webhook; the incident it opened and when it was sent. */
async function fire(key: string, name: string): Promise<{ reference: string; status: number; sentAt: number; answeredAt: number }> {
  const sentAt = Date.now();
  const response = await fetch(`${base}/api/integrations/${key}/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body: alertmanagerGroup(name) });
  const answeredAt = Date.now();
  const outcome = (await response.json()) as { incidents?: string[] };
  return { reference: outcome.incidents?.[0] ?? "", status: response.status, sentAt, answeredAt };
}

async function waitForMails(to: string, references: string[], timeoutMs: number): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  const wanted = new Set(references);
  for (;;) {
    const arrived = new Map(smtp.mails.filter((mail) => mail.to === to && wanted.has(mail.reference)).map((mail) => [mail.reference, mail.receivedAt]));
    if (arrived.size === wanted.size || Date.now() > deadline) return arrived;
    await sleep(100);
  }
}

try {
  // Set-up through the API where there is one; the admin's token, the people's tokens, the email
  // channel and the policy have no API (a signed-in browser or an admin page makes them).
  const adminUser = await insertUser({ email: "admin@oncall.bench.example", name: "Bench Admin", role: "admin", password: "bench-password-123" });
  const admin = { id: adminUser.id, name: adminUser.name, email: adminUser.email, role: adminUser.role };
  const { token: adminToken } = await createApiToken(admin, "bench");
  const person = async (email: string, name: string) => {
    const user = await api<{ id: string; name: string; email: string; role: "responder" }>(adminToken, "POST", "/api/users", { email, name, role: "responder", password: "bench-password-123" });
    const { token } = await createApiToken({ id: user.id, name: user.name, email: user.email, role: user.role }, "bench");
    // A contact method comes with a rule to use it at once, for both urgencies.
    await api(token, "POST", "/api/me/contact-methods", { kind: "email", label: "Work email", target: { address: email } });
    return { id: user.id, token };
  };
  const aiko = await person(AIKO, "Aiko Tanaka");
  const ben = await person(BEN, "Ben Carter");
  await saveChannel(admin, "email", { enabled: true, settings: { host: "127.0.0.1", port: smtp.port, security: "none", username: "", from: "oncall@firebreak.example.com" }, secrets: { password: "" } });

  const team = await api<{ id: string }>(adminToken, "POST", "/api/teams", { name: "Payments", timeZone: "UTC", memberIds: [aiko.id, ben.id] });
  const yesterday = new Date(Date.now() - 24 * 3_600_000).toISOString().slice(0, 10);
  const rotation = await api<{ id: string }>(adminToken, "POST", "/api/rotations", { teamId: team.id, name: "Primary", startDate: yesterday, handoffTime: "00:00", shiftLength: "weekly", memberIds: [aiko.id] });
  const schedule = await api<{ id: string }>(adminToken, "POST", "/api/schedules", { teamId: team.id, name: "Primary" });
  await api(adminToken, "POST", `/api/schedules/${schedule.id}/layers`, { rotationId: rotation.id, name: "Always" });
  const policy = await createEscalationPolicy(admin, {
    name: "Payments",
    description: "",
    teamId: team.id,
    repeatCount: 0,
    steps: [
      { delayMinutes: STEP_DELAY_MINUTES, targets: [{ kind: "schedule", scheduleId: schedule.id }] },
      { delayMinutes: STEP_DELAY_MINUTES, targets: [{ kind: "user", userId: ben.id }] },
    ],
  });
  const paging = await api<{ id: string; key: string }>(adminToken, "POST", "/api/integrations", { name: "Prometheus", source: "alertmanager" });
  await setIntegrationEscalationPolicy(admin, paging.id, policy.id);
  const load = await api<{ id: string; key: string }>(adminToken, "POST", "/api/integrations", { name: "Load", source: "alertmanager" });
  const loadUrl = `${base}/api/integrations/${load.key}/alerts`;

  // Warm-up: the receiver and the load's 500 groups (so phase 2's load re-sends known groups, as in
  // the ingest benchmark's sustained phase), and one incident through to its email.
  const { result: warmFirstSight } = await firstSight(loadUrl);
  const warm = await fire(paging.key, "OncallWarmUp");
  await waitForMails(AIKO, [warm.reference], 30_000);
  await api(aiko.token, "POST", `/api/incidents/${warm.reference}/acknowledge`);
  console.log(`warm-up: the load's 500 groups opened (${warmFirstSight.non2xx} non-2xx); ${warm.reference} reached Aiko in ${seconds(Date.now() - warm.sentAt)}`);

  // Phase 1: 100 new incidents at once.
  const fired = await Promise.all(Array.from({ length: INCIDENTS }, (_, index) => fire(paging.key, `OncallBench${String(index).padStart(3, "0")}`)));
  // A webhook refused (5xx) opened nothing: Alertmanager would retry it, this benchmark counts it.
  const references = fired.flatMap((entry) => (entry.reference ? [entry.reference] : []));
  const firstMails = await waitForMails(AIKO, references, 60_000);
  const steps = await db().escalationNotification.findMany({
    where: { step: 0, run: { incident: { number: { in: references.map((reference) => Number(reference.slice(4))) } } } },
    select: { createdAt: true, run: { select: { incident: { select: { number: true } } } } },
  });
  const stepWrittenAt = new Map(steps.map((step) => [`INC-${step.run.incident.number}`, step.createdAt.getTime()]));
  console.log(`phase 1: ${INCIDENTS} Alertmanager webhooks at once, each opening an incident; the on-call person's email`);
  console.log(`  answered 2xx: ${fired.filter((entry) => entry.status < 300).length} of ${INCIDENTS}; incidents opened: ${new Set(references).size}; emails received: ${firstMails.size} of ${INCIDENTS}`);
  console.log(`  webhook sent → answered:                 ${summary(fired.map((entry) => entry.answeredAt - entry.sentAt))}`);
  console.log(`  webhook sent → step 1 written:             ${summary(fired.filter((entry) => stepWrittenAt.has(entry.reference)).map((entry) => (stepWrittenAt.get(entry.reference) as number) - entry.sentAt))}`);
  console.log(`  webhook sent → email received:           ${summary(fired.filter((entry) => firstMails.has(entry.reference)).map((entry) => (firstMails.get(entry.reference) as number) - entry.sentAt))}`);

  // Phase 2: every other incident is acknowledged; the rest reach step 2 a minute after step 1,
  // while the ingest benchmark's load runs from now until well after the last of them is due.
  const acknowledged = references.filter((_, index) => index % 2 === 0);
  const escalating = references.filter((_, index) => index % 2 === 1);
  await Promise.all(acknowledged.map((reference) => api(aiko.token, "POST", `/api/incidents/${reference}/acknowledge`)));
  const stepOne = await db().timelineEntry.findMany({
    where: { kind: "escalation_notified", incident: { number: { in: escalating.map((reference) => Number(reference.slice(4))) } } },
    select: { occurredAt: true, detail: true, incident: { select: { number: true } } },
  });
  const dueAt = new Map(
    stepOne
      .filter((entry) => (entry.detail as { step?: number }).step === 1)
      .map((entry) => [`INC-${entry.incident.number}`, entry.occurredAt.getTime() + STEP_DELAY_MINUTES * 60_000]),
  );
  const lastDue = Math.max(...dueAt.values());
  const loadSeconds = Math.max(30, Math.ceil((lastDue - Date.now()) / 1000) + 20);
  const dueBeforeLoad = [...dueAt.values()].filter((at) => at <= Date.now()).length;
  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop.enable();
  const loadRun = sustainedLoad(loadUrl, { alertsPerSecond: LOAD_ALERTS_PER_SECOND, seconds: loadSeconds });
  const secondMails = await waitForMails(BEN, escalating, (loadSeconds + 40) * 1000);
  const loadResult = await loadRun;
  const loadEndedAt = Date.now();
  eventLoop.disable();
  const strayMails = smtp.mails.filter((mail) => mail.to === BEN && acknowledged.includes(mail.reference)).length;
  const late = escalating.filter((reference) => secondMails.has(reference) && dueAt.has(reference));
  console.log(`phase 2: step 2 (${STEP_DELAY_MINUTES} min after step 1) of ${escalating.length} unacknowledged incidents, under the ingest load`);
  console.log(
    `  load (started with ${dueBeforeLoad} of ${dueAt.size} steps already due): ${LOAD_ALERTS_PER_SECOND} alerts/s offered for ${loadSeconds} s, ${(loadResult.requests.average * 10).toFixed(0)} alerts/s achieved; webhook p50 ${loadResult.latency.p50} ms, p99 ${loadResult.latency.p99} ms; ${loadResult.non2xx} non-2xx, ${loadResult.errors} errors`,
  );
  const afterLoad = [...secondMails.values()].filter((at) => at > loadEndedAt).length;
  console.log(`  step 2 emails received: ${secondMails.size} of ${escalating.length} (${afterLoad} after the load had ended); to acknowledged incidents: ${strayMails} (expected 0)`);
  console.log(`  lateness after step 1's record + ${STEP_DELAY_MINUTES} min: ${summary(late.map((reference) => (secondMails.get(reference) as number) - (dueAt.get(reference) as number)))}`);
  console.log(
    `  lateness after step 1's email + ${STEP_DELAY_MINUTES} min: ${summary(late.filter((reference) => firstMails.has(reference)).map((reference) => (secondMails.get(reference) as number) - (firstMails.get(reference) as number) - STEP_DELAY_MINUTES * 60_000))}`,
  );
  console.log(`  this process's event-loop delay meanwhile (bounds the timestamps' error): p99 ${(eventLoop.percentile(99) / 1e6).toFixed(1)} ms, max ${(eventLoop.max / 1e6).toFixed(1)} ms`);
} finally {
  await server.stop();
  await smtp.close();
  await disconnectDb();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
