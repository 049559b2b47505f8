import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { db, disconnectDb } from "@/lib/db/prisma";
import { deliverToPeople } from "@/lib/escalation/deliver-to-people";
import { deliverEscalationNotifications } from "@/lib/escalation/delivery";
import { createEscalationPolicy } from "@/lib/escalation/service";
import { startEscalation } from "@/lib/escalation/start";
import { advanceDueEscalations } from "@/lib/escalation/worker";
import { declareIncident } from "@/lib/incidents/service";
import { saveChannel } from "@/lib/notifications/channel-store";
import { addContactMethod } from "@/lib/notifications/contact-methods";
import { listIncidentNotificationAttempts } from "@/lib/notifications/queries";
import { sendDueShiftNotices } from "@/lib/oncall/shift-notices";
import { addLayer, createRotation, createSchedule, createTeam, updateSchedule } from "@/lib/oncall/service";
import { addTeamChannel } from "@/lib/oncall/team-channels";
import { createTestUser } from "@/lib/testing/factories";
import { startHttpReceiver, type TReceived } from "@/lib/testing/notification-receivers";
import { createScratchDatabase } from "@/tests/scratch-database";
import { useDatabase } from "@/tests/use-database";

// The notification channels (one Slack, one webhook … per Firebreak) point at this file's receiver,
// and the shift-notice job reads every schedule: the file has a database of its own.
let admin: TActor;
let http: Awaited<ReturnType<typeof startHttpReceiver>>;

beforeAll(async () => {
  await useDatabase(await createScratchDatabase(inject("databaseUrl")));
  admin = await createTestUser("admin", "Admin");
  http = await startHttpReceiver();
  await saveChannel(admin, "slack", { enabled: true, settings: { apiBaseUrl: `${http.base}/slack/api` }, secrets: { botToken: "xoxb-team-token", webhookUrl: "" } });
  await saveChannel(admin, "webhook", { enabled: true, settings: {}, secrets: { url: `${http.base}/generic`, signingSecret: "" } });
  await saveChannel(admin, "ntfy", { enabled: true, settings: { serverUrl: `${http.base}/ntfy` }, secrets: { accessToken: "" } });
}, 60_000);
afterAll(async () => {
  await http.close();
  await disconnectDb();
});

const at = (iso: string) => new Date(iso);
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
const MINUTE = 60_000;
const json = (request: TReceived) => JSON.parse(request.body.toString("utf8"));
const sentTo = (prefix: string, since: number) => http.received.slice(since).filter((request) => request.path.startsWith(prefix));

/** A Tokyo team whose daily rotation hands over at 10:00 JST (01:00 UTC) from Aiko to Ben and back, on one schedule. */
async function tokyoTeam(name: string) {
  const [aiko, ben] = await Promise.all([createTestUser("responder", "Aiko"), createTestUser("responder", "Ben")]);
  const team = await createTeam(admin, { name, timeZone: "Asia/Tokyo", memberIds: [aiko.id, ben.id] });
  const rotation = await createRotation(admin, { teamId: team.id, name: "Daily", startDate: "2027-01-04", handoffTime: "10:00", shiftLength: "daily", memberIds: [aiko.id, ben.id] });
  const schedule = await createSchedule(admin, { teamId: team.id, name: `${name} primary` });
  await addLayer(admin, schedule.id, { rotationId: rotation.id, name: "Always" });
  return { aiko, ben, team, schedule };
}

describe("a team's channels", () => {
  it("refuses an address the kind does not take, naming the field, and a kind that is not a shared channel", async () => {
    const team = await createTeam(admin, { name: "Validation team", timeZone: "UTC" });
    await expect(addTeamChannel(admin, team.id, { kind: "slack", label: "Bad", target: { conversation: "#payments" } })).rejects.toThrow(/^target\.conversation: must be a Slack member or channel ID/);
    await expect(addTeamChannel(admin, team.id, { kind: "sms" as never, label: "Phone", target: {} })).rejects.toThrow(/must be one of slack, teams, chatwork, ntfy, webhook/);
    const responder = await createTestUser("responder");
    await expect(addTeamChannel(responder, team.id, { kind: "webhook", label: "Bridge" })).rejects.toMatchObject({ status: 403 });
    expect(await db().teamChannel.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("takes an escalation step that names the team to its Slack channel and webhook, recording each attempt", async () => {
    const team = await createTeam(admin, { name: "Payments SRE", timeZone: "Asia/Tokyo" });
    const slack = await addTeamChannel(admin, team.id, { kind: "slack", label: "#payments-oncall", target: { conversation: "C024BE91L" }, locale: "ja" });
    await addTeamChannel(admin, team.id, { kind: "webhook", label: "Chat bridge" });
    const policy = await createEscalationPolicy(admin, { name: "Team channel first", description: "", teamId: null, repeatCount: 0, steps: [{ delayMinutes: 5, targets: [{ kind: "team_channel", teamId: team.id }] }] });
    const t0 = new Date();
    const incident = await declareIncident(admin, { title: "Checkout 502s <!channel>", severity: "SEV1", serviceIds: [], summary: "" }, t0);
    const run = await db().$transaction((tx) => startEscalation(tx, { incidentId: incident.id, policyId: policy.id, urgency: "high" }, t0));
    const before = http.received.length;

    await advanceDueEscalations(t0);
    await deliverEscalationNotifications(deliverToPeople, t0);

    const [posted] = sentTo("/slack/api/chat.postMessage", before);
    expect(posted?.headers.authorization).toBe("Bearer xoxb-team-token");
    const message = json(posted as TReceived);
    expect(message.channel).toBe("C024BE91L");
    expect(message.text).toContain("Checkout 502s &lt;!channel&gt;");
    // The channel's language, and a footer naming the team rather than a person.
    expect(JSON.stringify(message.blocks)).toContain("Firebreak から Payments SRE チームのチャンネルへの通知です。");
    const [hook] = sentTo("/generic", before);
    expect(json(hook as TReceived)).toMatchObject({ type: "firebreak.notification", urgency: "high", recipient: { name: "Payments SRE" }, incident: { id: incident.id, severity: "SEV1" } });

    const row = await db().escalationNotification.findFirstOrThrow({ where: { runId: run.id } });
    expect(row).toMatchObject({ recipientKey: `team:${team.id}`, status: "delivered", attempts: 1 });
    const attempts = await db().notificationAttempt.findMany({ where: { teamId: team.id }, orderBy: { methodLabel: "asc" } });
    expect(attempts.map((attempt) => [attempt.methodLabel, attempt.channel, attempt.ok, attempt.userId, attempt.incidentId])).toEqual([
      ["#payments-oncall", "slack", true, null, incident.id],
      ["Chat bridge", "webhook", true, null, incident.id],
    ]);
    expect(attempts[0]?.teamChannelId).toBe(slack.id);
    const listed = (await listIncidentNotificationAttempts(incident.id)).map((attempt) => [attempt.methodLabel, attempt.user, attempt.team?.name]);
    expect(listed.sort()).toEqual([
      ["#payments-oncall", null, "Payments SRE"],
      ["Chat bridge", null, "Payments SRE"],
    ]);
  });

  it("fails a step loudly in the outbox when the team has no channel", async () => {
    const team = await createTeam(admin, { name: "Silent team", timeZone: "UTC" });
    const policy = await createEscalationPolicy(admin, { name: "Silent team channel", description: "", teamId: null, repeatCount: 0, steps: [{ delayMinutes: 5, targets: [{ kind: "team_channel", teamId: team.id }] }] });
    const t0 = new Date();
    const incident = await declareIncident(admin, { title: "Nobody hears this", severity: "SEV2", serviceIds: [], summary: "" }, t0);
    const run = await db().$transaction((tx) => startEscalation(tx, { incidentId: incident.id, policyId: policy.id, urgency: "high" }, t0));
    await advanceDueEscalations(t0);
    await deliverEscalationNotifications(deliverToPeople, t0);
    const row = await db().escalationNotification.findFirstOrThrow({ where: { runId: run.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "the team Silent team has no chat channel; add one on the team's page" });
  });
});

describe("shift-change notices", () => {
  it("posts a hand-off to the team's channel exactly once, late after missed runs and with runs at once, and never an hour-old one", async () => {
    const { team, schedule } = await tokyoTeam("Hand-off team");
    await addTeamChannel(admin, team.id, { kind: "slack", label: "#handoffs", target: { conversation: "C0HANDOFF1" } });
    await updateSchedule(admin, schedule.id, { reminderMinutes: 0 });
    const handoff = at("2027-01-05T01:00:00Z"); // 10:00 JST: Aiko hands over to Ben
    const before = http.received.length;
    const posts = () => sentTo("/slack/api/chat.postMessage", before).map(json).filter((message) => message.channel === "C0HANDOFF1");

    // Every process was down for 40 minutes over the hand-off: the first run after sends it late.
    await sendDueShiftNotices(later(handoff, 40 * MINUTE));
    await Promise.all([sendDueShiftNotices(later(handoff, 40 * MINUTE + 1_000)), sendDueShiftNotices(later(handoff, 40 * MINUTE + 1_000))]);
    await sendDueShiftNotices(later(handoff, 59 * MINUTE));
    expect(posts().map((message) => message.text)).toEqual(["Hand-off team primary: Aiko hands over to Ben (until 6 Jan 2027, 10:00 GMT+9)"]);

    // Two processes, each running once, a second after the next day's hand-off (Ben back to Aiko).
    const next = at("2027-01-06T01:00:00Z");
    await Promise.all([sendDueShiftNotices(later(next, 1_000)), sendDueShiftNotices(later(next, 1_000))]);
    expect(posts()).toHaveLength(2);
    expect(posts()[1]?.text).toBe("Hand-off team primary: Ben hands over to Aiko (until 7 Jan 2027, 10:00 GMT+9)");

    // Down for two hours over the third: it is history by then, not news.
    await sendDueShiftNotices(later(at("2027-01-07T01:00:00Z"), 2 * 60 * MINUTE));
    expect(posts()).toHaveLength(2);
    expect(await db().shiftNotice.count({ where: { scheduleId: schedule.id, sentAt: { not: null } } })).toBe(2);
  });

  it("reminds the incoming person once through their own contact method, an hour before their shift", async () => {
    const { ben, schedule } = await tokyoTeam("Reminder team");
    await addContactMethod(ben, { kind: "ntfy", label: "Phone", target: { topic: "ben-oncall" } });
    expect((await db().schedule.findUniqueOrThrow({ where: { id: schedule.id } })).reminderMinutes).toBe(60);
    const shiftStart = at("2027-01-07T01:00:00Z"); // Ben's next day (odd days from the 4th)
    const before = http.received.length;
    const reminders = () => sentTo("/ntfy", before).map(json).filter((message) => message.topic === "ben-oncall");

    await sendDueShiftNotices(later(shiftStart, -61 * MINUTE));
    expect(reminders()).toHaveLength(0);
    await Promise.all([sendDueShiftNotices(later(shiftStart, -60 * MINUTE + 5_000)), sendDueShiftNotices(later(shiftStart, -60 * MINUTE + 5_000))]);
    await sendDueShiftNotices(later(shiftStart, -30 * MINUTE));
    expect(reminders().map((message) => [message.title, message.priority])).toEqual([["Reminder: you are on call for Reminder team primary from 7 Jan 2027, 10:00 GMT+9 (until 8 Jan 2027, 10:00 GMT+9)", 3]]);
    const notifications = await db().userNotification.findMany({ where: { userId: ben.id } });
    expect(notifications.map((notification) => [notification.urgency, notification.incidentId])).toEqual([["low", null]]);
  });
});
