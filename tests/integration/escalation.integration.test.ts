import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { db, disconnectDb } from "@/lib/db/prisma";
import { acknowledgeIncident, declareIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { appProcessArgs } from "@/tests/app-process";
import { createScratchDatabase } from "@/tests/scratch-database";
import { useDatabase } from "@/tests/use-database";
import { inspectActionLink, applyActionLink } from "@/lib/escalation/action-tokens";
import { incidentEscalationState } from "@/lib/escalation/queries";
import { deliverEscalationNotifications, type TEscalationNotice, type TEscalationRecipient } from "@/lib/escalation/delivery";
import { createEscalationPolicy } from "@/lib/escalation/service";
import { firstOnCall, startEscalation } from "@/lib/escalation/start";
import { escalationTick } from "@/lib/escalation/job";
import { advanceDueEscalations, advanceRun } from "@/lib/escalation/worker";

// Every test here advances all due runs of its database, so the file has a database of its own.
beforeAll(async () => {
  await useDatabase(await createScratchDatabase(inject("databaseUrl")));
}, 60_000);
afterAll(async () => {
  await disconnectDb();
});

const MINUTE = 60_000;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

type TSent = { recipient: TEscalationRecipient; notice: TEscalationNotice };

/** A deliver callback that records what it was handed. */
function recordingChannel() {
  const sent: TSent[] = [];
  return { sent, deliver: async (recipient: TEscalationRecipient, notice: TEscalationNotice) => void sent.push({ recipient, notice }) };
}

/** An admin, two responders, a two-step policy (1-minute delays) and an incident escalating by it from `now`. */
async function escalatingIncident(now: Date, repeatCount = 0) {
  const admin = await createTestUser("admin", "Admin");
  const first = await createTestUser("responder", "Aiko Tanaka");
  const second = await createTestUser("responder", "Ben Carter");
  const policy = await createEscalationPolicy(admin, {
    name: `Two steps ${first.id}`,
    description: "",
    teamId: null,
    repeatCount,
    steps: [
      { delayMinutes: 1, targets: [{ kind: "user", userId: first.id }] },
      { delayMinutes: 1, targets: [{ kind: "user", userId: second.id }, { kind: "team_channel", teamId: "payments" }] },
    ],
  });
  const incident = await declareIncident(admin, { title: "Checkout failing", severity: "SEV1", serviceIds: [], summary: "" }, now);
  const run = await db().$transaction((tx) => startEscalation(tx, { incidentId: incident.id, policyId: policy.id, urgency: "high" }, now));
  return { admin, first, second, policy, incident, run };
}

const notificationsOf = (runId: string) => db().escalationNotification.findMany({ where: { runId }, orderBy: [{ round: "asc" }, { step: "asc" }, { recipientKey: "asc" }] });
const escalationEntries = (incidentId: string) =>
  db().timelineEntry.findMany({ where: { incidentId, kind: { in: ["escalation_notified", "escalation_exhausted", "acknowledged", "escalation_escalated"] } }, orderBy: { id: "asc" } });

describe("a two-step policy with a 1-minute delay", () => {
  it("notifies step 2 exactly once when nobody acknowledges, then is exhausted", async () => {
    const t0 = new Date();
    const { first, second, policy, incident, run } = await escalatingIncident(t0);
    const channel = recordingChannel();
    expect(await db().$transaction((tx) => firstOnCall(tx, policy.id, t0))).toEqual({ id: first.id, name: "Aiko Tanaka" });

    // The project's clock is passed in: each call is the worker's tick at that instant.
    for (const at of [t0, later(t0, 1_000), later(t0, 30_000), later(t0, MINUTE - 1), later(t0, MINUTE), later(t0, MINUTE + 1_000), later(t0, 90_000)]) {
      await advanceDueEscalations(at);
      await deliverEscalationNotifications(channel.deliver, at);
    }
    const rows = await notificationsOf(run.id);
    expect(rows.map((row) => [row.step, row.recipientKey, row.status])).toEqual([
      [0, `user:${first.id}`, "delivered"],
      [1, "team:payments", "delivered"],
      [1, `user:${second.id}`, "delivered"],
    ]);
    // Step 1 before step 2; a step's recipients are handed over side by side, in no set order.
    expect(channel.sent[0]).toMatchObject({ recipient: { kind: "user", userId: first.id }, notice: { step: 1 } });
    expect(channel.sent.slice(1).map(({ recipient, notice }) => [recipient, notice.step])).toEqual(
      expect.arrayContaining([
        [{ kind: "team_channel", teamId: "payments" }, 2],
        [{ kind: "user", userId: second.id }, 2],
      ]),
    );
    expect(channel.sent).toHaveLength(3);
    expect(channel.sent[0]?.notice.actions?.acknowledgeUrl).toMatch(/\/a\/[A-Za-z0-9_-]{43}$/);
    // A team channel gets no one-tap links: nobody in particular would be acknowledging.
    expect(channel.sent.find(({ recipient }) => recipient.kind === "team_channel")?.notice.actions).toBeNull();

    // Step 2's minute passes without an acknowledgement: the run is exhausted, nobody else is told.
    await advanceDueEscalations(later(t0, 2 * MINUTE));
    await advanceDueEscalations(later(t0, 10 * MINUTE));
    const stopped = await db().escalationRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(stopped).toMatchObject({ status: "exhausted", nextDueAt: null });
    expect(await notificationsOf(run.id)).toHaveLength(3);
    const entries = await escalationEntries(incident.id);
    expect(entries.map((entry) => [entry.kind, entry.detail])).toEqual([
      ["escalation_notified", expect.objectContaining({ step: 1, round: 1, names: ["Aiko Tanaka"] })],
      ["escalation_notified", expect.objectContaining({ step: 2, round: 1, names: ["Ben Carter"], teams: ["payments"] })],
      ["escalation_exhausted", { rounds: 1 }],
    ]);
  });

  it("notifies nobody at step 2 once the acknowledge link is used, and the timeline says who and when", async () => {
    const t0 = new Date();
    const { first, incident, run } = await escalatingIncident(t0);
    const channel = recordingChannel();
    await advanceDueEscalations(t0);
    await deliverEscalationNotifications(channel.deliver, t0);
    const link = channel.sent[0]?.notice.actions?.acknowledgeUrl ?? "";
    const token = link.slice(link.lastIndexOf("/") + 1);

    // Opening the link (a mail scanner, the confirm page) changes nothing.
    expect(await inspectActionLink(token, later(t0, 20_000))).toMatchObject({ state: "usable", action: "acknowledge", userName: "Aiko Tanaka" });
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).acknowledgedAt).toBeNull();

    expect(await applyActionLink(token, later(t0, 42_000))).toMatchObject({ outcome: "acknowledged" });
    expect(await applyActionLink(token, later(t0, 43_000))).toEqual({ outcome: "used" });

    for (const at of [later(t0, MINUTE), later(t0, 2 * MINUTE), later(t0, 5 * MINUTE)]) {
      await advanceDueEscalations(at);
      await deliverEscalationNotifications(channel.deliver, at);
    }
    expect(channel.sent).toHaveLength(1);
    expect(await notificationsOf(run.id)).toHaveLength(1);
    expect(await db().escalationRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "acknowledged", stoppedById: first.id });
    const acknowledged = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(acknowledged.acknowledgedById).toBe(first.id);
    const entries = await escalationEntries(incident.id);
    expect(entries.map((entry) => [entry.kind, entry.actorId, entry.detail])).toEqual([
      ["escalation_notified", "firebreak-system", expect.objectContaining({ step: 1 })],
      ["acknowledged", first.id, { secondsSinceDetection: 42, via: "link" }],
    ]);
    // An alert firing again starts nothing new: the incident keeps its one, stopped, escalation.
    const again = await db().$transaction((tx) => startEscalation(tx, { incidentId: incident.id, policyId: run.policyId as string, urgency: "high" }, later(t0, 6 * MINUTE)));
    expect(again).toMatchObject({ id: run.id, status: "acknowledged" });
  });

  it("stops when the incident is acknowledged in the room, and says who stopped it", async () => {
    const t0 = new Date();
    const { second, incident, run } = await escalatingIncident(t0);
    await advanceDueEscalations(t0);
    expect(await incidentEscalationState(incident.id)).toMatchObject({ status: "active", urgency: "high", nextStep: 2, nextRound: 1, nextDueAt: later(t0, MINUTE), notifications: 1 });
    await acknowledgeIncident(second as TActor, incident.id, later(t0, 10_000));
    // The room says who stopped it at once, before the worker has seen the acknowledgement.
    expect(await incidentEscalationState(incident.id)).toMatchObject({ status: "acknowledged", stoppedBy: "Ben Carter", nextDueAt: null });
    expect(await advanceDueEscalations(later(t0, MINUTE))).toContainEqual({ runId: run.id, outcome: "acknowledged" });
    expect(await db().escalationRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "acknowledged", stoppedById: second.id });
    expect(await notificationsOf(run.id)).toHaveLength(1);
  });

  it("skips notifications not yet handed over when the incident is acknowledged meanwhile", async () => {
    const t0 = new Date();
    const { first, incident, run } = await escalatingIncident(t0);
    await advanceDueEscalations(t0);
    await acknowledgeIncident(first, incident.id, later(t0, 1_000));
    const channel = recordingChannel();
    await deliverEscalationNotifications(channel.deliver, later(t0, 2_000));
    expect(channel.sent).toHaveLength(0);
    expect((await notificationsOf(run.id)).map((row) => row.status)).toEqual(["skipped"]);
  });

  it("escalates now from the link: the next step is notified at once, in the person's name on the timeline", async () => {
    const t0 = new Date();
    const { first, second, incident, run } = await escalatingIncident(t0);
    const channel = recordingChannel();
    await advanceDueEscalations(t0);
    await deliverEscalationNotifications(channel.deliver, t0);
    const link = channel.sent[0]?.notice.actions?.escalateUrl ?? "";
    expect(await applyActionLink(link.slice(link.lastIndexOf("/") + 1), later(t0, 5_000))).toMatchObject({ outcome: "escalated" });
    await advanceDueEscalations(later(t0, 6_000));
    expect((await notificationsOf(run.id)).map((row) => row.recipientKey)).toContain(`user:${second.id}`);
    const entries = await escalationEntries(incident.id);
    expect(entries.map((entry) => [entry.kind, entry.actorId])).toEqual([
      ["escalation_notified", "firebreak-system"],
      ["escalation_escalated", first.id],
      ["escalation_notified", "firebreak-system"],
    ]);
  });

  it("refuses expired and unknown links without changing anything", async () => {
    const t0 = new Date();
    const { incident } = await escalatingIncident(t0);
    const channel = recordingChannel();
    await advanceDueEscalations(t0);
    await deliverEscalationNotifications(channel.deliver, t0);
    const link = channel.sent[0]?.notice.actions?.acknowledgeUrl ?? "";
    const token = link.slice(link.lastIndexOf("/") + 1);
    expect(await applyActionLink(token, later(t0, 25 * 60 * MINUTE))).toEqual({ outcome: "expired" });
    expect(await inspectActionLink(token, later(t0, 25 * 60 * MINUTE))).toMatchObject({ state: "expired" });
    expect(await applyActionLink("x".repeat(43), t0)).toEqual({ outcome: "unknown" });
    expect(await applyActionLink("not a token", t0)).toEqual({ outcome: "unknown" });
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).acknowledgedAt).toBeNull();
  });

  it("waits for working hours with low urgency: a Friday-evening ticket is first due on Monday 09:00", async () => {
    const admin = await createTestUser("admin");
    const friday = new Date("2027-03-12T18:30:00Z");
    const service = await db().service.create({
      data: {
        slug: `tickets-${admin.id}`,
        name: `Tickets ${admin.id}`,
        ownerTeam: "Payments",
        urgencySettings: { workingHours: { timeZone: "Europe/Berlin", days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" } },
      },
    });
    const policy = await createEscalationPolicy(admin, {
      name: `Ticket ${admin.id}`,
      description: "",
      teamId: null,
      repeatCount: 0,
      steps: [{ delayMinutes: 5, targets: [{ kind: "user", userId: admin.id }] }],
    });
    const incident = await declareIncident(admin, { title: "Slow burn", severity: "SEV3", serviceIds: [service.id], summary: "" }, friday);
    const run = await db().$transaction((tx) => startEscalation(tx, { incidentId: incident.id, policyId: policy.id, urgency: "low" }, friday));
    expect(run.nextDueAt).toEqual(new Date("2027-03-15T08:00:00Z"));
    expect(await advanceRun(run.id, new Date("2027-03-14T12:00:00Z"))).toBe("not_due");
  });
});

const execFileAsync = promisify(execFile);
const escalationProcess = (...args: string[]) => appProcessArgs("tests/integration/escalation-process.ts", ...args);

// Before the tests with other app processes: a worker process that outlived its test would take these runs.
describe("a burst of incidents escalating at once", () => {
  it("notifies every first step in one tick of the worker, more than a batch of steps and of notifications", async () => {
    // One tick used to write at most 50 steps and hand over 20 notifications: of 60 incidents opened
    // at once, 20 were notified in the first second and the last ones three ticks later.
    const t0 = new Date();
    const admin = await createTestUser("admin", "Admin");
    const onCall = await createTestUser("responder", "Aiko Tanaka");
    const policy = await createEscalationPolicy(admin, {
      name: `Burst ${onCall.id}`,
      description: "",
      teamId: null,
      repeatCount: 0,
      steps: [{ delayMinutes: 1, targets: [{ kind: "user", userId: onCall.id }] }],
    });
    const incidents: string[] = [];
    for (let index = 0; index < 60; index++) {
      const incident = await declareIncident(admin, { title: `Burst ${index}`, severity: "SEV2", serviceIds: [], summary: "" }, t0);
      await db().$transaction((tx) => startEscalation(tx, { incidentId: incident.id, policyId: policy.id, urgency: "high" }, t0));
      incidents.push(incident.id);
    }
    const channel = recordingChannel();
    await escalationTick(channel.deliver, () => t0);
    const mine = channel.sent.filter(({ notice }) => incidents.includes(notice.incident.id));
    expect(new Set(mine.map(({ notice }) => notice.incident.id))).toEqual(new Set(incidents));
    expect(mine).toHaveLength(60);
    // Their step 2 is a minute away: the other tests' worker calls have nothing of these to do before then.
    await db().escalationRun.updateMany({ where: { incidentId: { in: incidents } }, data: { status: "cancelled", nextDueAt: null } });
  }, 60_000);
});

describe("several app processes", () => {
  it("writes a due step once when two processes race on it", async () => {
    const t0 = new Date();
    const { second, incident, run } = await escalatingIncident(t0);
    await advanceDueEscalations(t0);
    const stepTwoAt = later(t0, MINUTE).toISOString();
    const race = () => execFileAsync(process.execPath, escalationProcess("advance", stepTwoAt, "4"), { env: process.env });
    const outcomes = (await Promise.all([race(), race()])).flatMap(({ stdout }) => JSON.parse(stdout) as { runId: string; outcome: string }[]);
    // Eight attempts on the run: one notifies, the others find it held or no longer due.
    expect(outcomes.filter((attempt) => attempt.runId === run.id && attempt.outcome === "notified")).toHaveLength(1);
    expect((await notificationsOf(run.id)).filter((row) => row.step === 1).map((row) => row.recipientKey)).toEqual(["team:payments", `user:${second.id}`]);
    expect((await escalationEntries(incident.id)).filter((entry) => entry.kind === "escalation_notified")).toHaveLength(2);
  }, 60_000);

  it("continues after the process is killed between the steps (kill -9): the next process notifies step 2 once", async () => {
    const t0 = new Date();
    const { first, second, incident, run } = await escalatingIncident(t0);
    const children: ChildProcess[] = [];
    try {
      // A worker process on the real clock notifies step 1 and is killed outright.
      const firstWorker = spawn(process.execPath, escalationProcess("worker"), { env: process.env });
      children.push(firstWorker);
      await lineFrom(firstWorker, (line) => line.includes(`"userId":"${first.id}"`));
      firstWorker.kill("SIGKILL");
      expect(await db().escalationRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "active", nextStep: 1 });

      // A new process whose clock reads a minute and a bit later: the run is due, from PostgreSQL alone.
      const laterClock = new Date(Date.now() + MINUTE + 5_000).toISOString();
      const secondWorker = spawn(process.execPath, escalationProcess("worker"), { env: { ...process.env, FIREBREAK_CLOCK: laterClock } });
      children.push(secondWorker);
      await lineFrom(secondWorker, (line) => line.includes(`"userId":"${second.id}"`));
    } finally {
      for (const child of children) child.kill("SIGKILL");
    }
    const rows = await notificationsOf(run.id);
    expect(rows.map((row) => [row.step, row.recipientKey])).toEqual([
      [0, `user:${first.id}`],
      [1, "team:payments"],
      [1, `user:${second.id}`],
    ]);
    expect((await escalationEntries(incident.id)).filter((entry) => entry.kind === "escalation_notified")).toHaveLength(2);
  }, 60_000);
});

/** Resolves with the first line of the child's output that matches. */
function lineFrom(child: ChildProcess, matches: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    let errors = "";
    child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      const found = lines.find(matches);
      if (found) resolve(found);
    });
    child.on("exit", (code) => reject(new Error(`worker exited (${code}) before the expected line: ${errors.slice(-2000)}`)));
  });
}
