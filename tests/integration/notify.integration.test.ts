import { createHmac } from "node:crypto";
import { resetServerEnvForTests } from "@/lib/env/server-env";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { createTestUser } from "@/lib/testing/factories";
import { pushSubscriber, startHttpReceiver, startSmtpReceiver, verifyVapid, type TReceived } from "@/lib/testing/notification-receivers";
import { listChannelsForAdmin, saveChannel } from "@/lib/notifications/channel-store";
import { addContactMethod, addNotificationRule, setNotificationLocale } from "@/lib/notifications/contact-methods";
import { notifyUser, sendDueNotifications, sendTestNotification, stopNotifications } from "@/lib/notifications/notify";
import { metrics } from "@/lib/metrics/registry";
import { listIncidentNotificationAttempts, listNotificationAttempts } from "@/lib/notifications/queries";
import type { TNotification } from "@/lib/notifications/schema";
import { ensureVapidKeys } from "@/lib/notifications/vapid";

const HOSTILE_TITLE = `<!channel> <b>bold</b> [toall] *stars* <http://evil.example|click> & "quotes"`;

let admin: TActor;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let http: Awaited<ReturnType<typeof startHttpReceiver>>;
let closedPort: number;

function incidentNotification(tag: string, title = HOSTILE_TITLE): TNotification {
  return {
    incident: { id: `inc-${tag}`, reference: "INC-42", title, severity: "SEV1", status: "investigating", services: ["Checkout", "Payments"] },
    firstAlert: { title: "HighErrorRate <script>", source: "alertmanager", runbookUrl: "https://runbooks.example.com/checkout-5xx" },
    links: {
      open: "https://firebreak.example.com/incidents/INC-42",
      acknowledge: `https://firebreak.example.com/a/ack-${tag}`,
      escalate: `https://firebreak.example.com/a/esc-${tag}`,
    },
    test: false,
  };
}

const json = (request: TReceived | undefined) => JSON.parse((request as TReceived).body.toString("utf8"));

beforeAll(async () => {
  admin = await createTestUser("admin");
  [smtp, http] = await Promise.all([startSmtpReceiver(), startHttpReceiver()]);
  // A port nobody listens on: taken, then released.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));

  const base = http.base;
  await saveChannel(admin, "email", { enabled: true, settings: { host: "127.0.0.1", port: smtp.port, security: "none", username: "firebreak", from: "oncall@firebreak.example.com" }, secrets: { password: "smtp-secret" } });
  await saveChannel(admin, "slack", { enabled: true, settings: { apiBaseUrl: `${base}/slack/api` }, secrets: { botToken: "xoxb-test-token", webhookUrl: `${base}/slack-webhook` } });
  await saveChannel(admin, "teams", { enabled: true, settings: {}, secrets: { workflowUrl: `${base}/workflow/trigger?sig=abc` } });
  await saveChannel(admin, "chatwork", { enabled: true, settings: { apiBaseUrl: `${base}/chatwork/v2`, roomId: "111" }, secrets: { apiToken: "cw-token" } });
  await saveChannel(admin, "webhook", { enabled: true, settings: {}, secrets: { url: `${base}/generic`, signingSecret: "hook-secret" } });
  await saveChannel(admin, "ntfy", { enabled: true, settings: { serverUrl: `${base}/ntfy` }, secrets: { accessToken: "tk_ntfytoken" } });
  await saveChannel(admin, "pagerduty", { enabled: true, settings: { apiBaseUrl: `${base}/pagerduty` }, secrets: { routingKey: "R0UT1NGKEY" } });
  await saveChannel(admin, "twilio", {
    enabled: true,
    settings: { apiBaseUrl: `${base}/twilio`, accountSid: `AC${"0123456789abcdef".repeat(2)}`, fromNumber: "+15005550006" },
    secrets: { authToken: "twilio-auth" },
  });
  await ensureVapidKeys();
});

afterAll(async () => {
  await Promise.all([smtp.close(), http.close()]);
});

describe("channels", () => {
  it("never shows a secret back to the admin page", async () => {
    const views = await listChannelsForAdmin(admin);
    const text = JSON.stringify(views);
    for (const secret of ["smtp-secret", "xoxb-test-token", "cw-token", "hook-secret", "tk_ntfytoken", "R0UT1NGKEY", "twilio-auth"]) expect(text).not.toContain(secret);
    expect(views.find((view) => view.kind === "slack")?.secretsSet).toEqual({ botToken: true, webhookUrl: true, signingSecret: false });
    // Saving again with blank secrets keeps them.
    await saveChannel(admin, "chatwork", { enabled: true, settings: { apiBaseUrl: `${http.base}/chatwork/v2`, roomId: "111" }, secrets: { apiToken: "" } });
    expect((await db().notificationChannel.findUniqueOrThrow({ where: { kind: "chatwork" } })).secrets).toEqual({ apiToken: "cw-token" });
  });
});

it("delivers one notification to every channel in each vendor's documented shape, with a hostile title escaped everywhere", async () => {
  const user = await createTestUser("responder", "Aiko Tanaka");
  const tag = `all-${Date.now()}`;
  const push = pushSubscriber(`${http.base}/push/${tag}`);
  const methods: [string, Parameters<typeof addContactMethod>[1]][] = [
    ["email", { kind: "email", label: "Work email", target: { address: "aiko@example.com" } }],
    ["webpush", { kind: "webpush", label: "Laptop", target: push.subscription }],
    ["sms", { kind: "sms", label: "Phone SMS", target: { phone: "+819012345678" } }],
    ["voice", { kind: "voice", label: "Phone call", target: { phone: "+819012345678" } }],
    ["slack", { kind: "slack", label: "Slack DM", target: { conversation: "U024BE7LH" } }],
    ["teams", { kind: "teams", label: "Teams", target: {} }],
    ["chatwork", { kind: "chatwork", label: "Chatwork", target: { roomId: "", accountId: "363" } }],
    ["webhook", { kind: "webhook", label: "Webhook", target: {} }],
    ["ntfy", { kind: "ntfy", label: "ntfy", target: { topic: "aiko-oncall" } }],
    ["pagerduty", { kind: "pagerduty", label: "PagerDuty", target: {} }],
  ];
  for (const [, input] of methods) await addContactMethod(user, input);
  const before = http.received.length;

  const { notificationId, attempts } = await notifyUser(user.id, incidentNotification(tag), "high");
  expect(notificationId).not.toBeNull();
  expect(attempts.map((attempt) => [attempt.methodLabel, attempt.ok, attempt.error]).sort()).toEqual(methods.map(([, input]) => [input.label, true, ""]).sort());

  // Email: parsed by a real SMTP server; the hostile title is text in the HTML, never markup.
  const mail = smtp.mails.at(-1);
  expect(mail?.subject).toBe(`[SEV1] INC-42 ${HOSTILE_TITLE}`);
  expect(mail?.to && "text" in mail.to ? mail.to.text : "").toBe("aiko@example.com");
  expect(mail?.text).toContain(`Acknowledge: https://firebreak.example.com/a/ack-${tag}`);
  expect(mail?.html).toContain("&lt;!channel&gt; &lt;b&gt;bold&lt;/b&gt;");
  expect(mail?.html).not.toContain("<b>bold</b>");
  expect(mail?.html).toContain("HighErrorRate &lt;script&gt;");
  expect(mail?.html).toContain(`href="https://firebreak.example.com/a/ack-${tag}"`);
  expect(mail?.html).toContain('href="https://runbooks.example.com/checkout-5xx"');

  const sent = http.received.slice(before);
  const at = (prefix: string) => sent.find((request) => request.path.startsWith(prefix));

  // Web Push: RFC 8291 aes128gcm, decrypted with the subscriber's keys; VAPID JWT for the endpoint's origin.
  const pushed = at(`/push/${tag}`) as TReceived;
  expect(pushed.headers["content-encoding"]).toBe("aes128gcm");
  expect(pushed.headers.urgency).toBe("high");
  expect(Number(pushed.headers.ttl)).toBeGreaterThan(0);
  const vapid = verifyVapid(String(pushed.headers.authorization));
  expect(vapid.claims.aud).toBe(new URL(http.base).origin);
  expect(vapid.claims.sub).toMatch(/^mailto:/);
  expect(vapid.claims.exp * 1000).toBeGreaterThan(Date.now());
  expect(vapid.publicKey).toBe(await ensureVapidKeys());
  const pushPayload = JSON.parse(push.decrypt(pushed.body));
  expect(pushPayload.title).toBe(`[SEV1] INC-42 ${HOSTILE_TITLE}`);
  expect(pushPayload.url).toBe("https://firebreak.example.com/incidents/INC-42");
  expect(pushPayload.actions).toEqual([
    { action: "acknowledge", title: "Acknowledge", url: `https://firebreak.example.com/a/ack-${tag}` },
    { action: "escalate", title: "Escalate now", url: `https://firebreak.example.com/a/esc-${tag}` },
  ]);

  // Slack chat.postMessage: bearer token, JSON, channel = the member (a DM with the bot), escaped mrkdwn.
  const slack = at("/slack/api/chat.postMessage") as TReceived;
  expect(slack.headers.authorization).toBe("Bearer xoxb-test-token");
  expect(slack.headers["content-type"]).toBe("application/json; charset=utf-8");
  const slackBody = json(slack);
  expect(slackBody.channel).toBe("U024BE7LH");
  expect(slackBody.text).toContain("&lt;!channel&gt;");
  expect(JSON.stringify(slackBody)).not.toContain("<!channel>");
  expect(JSON.stringify(slackBody)).not.toContain("<http://evil.example|click>");
  expect(slackBody.blocks.find((block: { type: string }) => block.type === "actions").elements[0]).toMatchObject({
    type: "button",
    url: `https://firebreak.example.com/a/ack-${tag}`,
    style: "primary",
  });

  // Teams Workflows: a message with one Adaptive Card attachment, Markdown escaped.
  const teams = json(at("/workflow/trigger"));
  expect(teams.type).toBe("message");
  expect(teams.attachments).toHaveLength(1);
  expect(teams.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
  const card = teams.attachments[0].content;
  expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.4", $schema: "http://adaptivecards.io/schemas/adaptive-card.json" });
  expect(card.body[0].text).toContain("\\*stars\\*");
  expect(card.body[0].text).toContain("\\<b\\>bold\\</b\\>");
  expect(card.actions[0]).toEqual({ type: "Action.OpenUrl", title: "Acknowledge", url: `https://firebreak.example.com/a/ack-${tag}` });

  // Chatwork: X-ChatWorkToken, form-encoded body, the channel's room, [To:] the member, no live [toall].
  const chatwork = at("/chatwork/v2/rooms/111/messages") as TReceived;
  expect(chatwork.headers["x-chatworktoken"]).toBe("cw-token");
  expect(chatwork.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  const chatworkForm = new URLSearchParams(chatwork.body.toString());
  expect(chatworkForm.get("self_unread")).toBe("0");
  expect(chatworkForm.get("body")).toMatch(/^\[To:363\]\n\[info\]\[title\]/);
  expect(chatworkForm.get("body")).not.toContain("[toall]");
  expect(chatworkForm.get("body")).toContain("[\u200btoall]");

  // Generic webhook: JSON with an HMAC signature over timestamp and body.
  const generic = at("/generic") as TReceived;
  const timestamp = String(generic.headers["x-firebreak-timestamp"]);
  expect(generic.headers["x-firebreak-signature"]).toBe(`sha256=${createHmac("sha256", "hook-secret").update(`${timestamp}.${generic.body.toString()}`).digest("hex")}`);
  expect(json(generic)).toMatchObject({ type: "firebreak.notification", urgency: "high", incident: { reference: "INC-42", title: HOSTILE_TITLE }, recipient: { name: "Aiko Tanaka" } });

  // ntfy: JSON publishing to the server's root, bearer token, priority 5 for high urgency, view actions.
  const ntfy = at("/ntfy") as TReceived;
  expect(ntfy.headers.authorization).toBe("Bearer tk_ntfytoken");
  expect(json(ntfy)).toMatchObject({ topic: "aiko-oncall", title: `[SEV1] INC-42 ${HOSTILE_TITLE}`, priority: 5, click: "https://firebreak.example.com/incidents/INC-42" });
  expect(json(ntfy).markdown).toBeUndefined();
  expect(json(ntfy).actions[0]).toEqual({ action: "view", label: "Acknowledge", url: `https://firebreak.example.com/a/ack-${tag}`, clear: true });

  // PagerDuty Events v2: trigger with routing key, dedup key per incident, payload summary/source/severity.
  const pagerduty = json(at("/pagerduty/v2/enqueue"));
  expect(pagerduty).toMatchObject({
    routing_key: "R0UT1NGKEY",
    event_action: "trigger",
    dedup_key: `firebreak-inc-${tag}`,
    payload: { source: "Firebreak", severity: "critical", component: "Checkout, Payments" },
    client: "Firebreak",
    client_url: "https://firebreak.example.com/incidents/INC-42",
  });
  expect(pagerduty.payload.summary).toBe(`[SEV1] INC-42 ${HOSTILE_TITLE}`);
  expect(pagerduty.links[0]).toEqual({ href: "https://firebreak.example.com/incidents/INC-42", text: "INC-42" });

  // Twilio: basic auth with the SID and token, form-encoded To/From/Body and To/From/Twiml (XML-escaped).
  const sid = `AC${"0123456789abcdef".repeat(2)}`;
  const sms = at(`/twilio/2010-04-01/Accounts/${sid}/Messages.json`) as TReceived;
  const call = at(`/twilio/2010-04-01/Accounts/${sid}/Calls.json`) as TReceived;
  const basic = `Basic ${Buffer.from(`${sid}:twilio-auth`).toString("base64")}`;
  expect(sms.headers.authorization).toBe(basic);
  expect(call.headers.authorization).toBe(basic);
  const smsForm = new URLSearchParams(sms.body.toString());
  expect([smsForm.get("To"), smsForm.get("From")]).toEqual(["+819012345678", "+15005550006"]);
  expect(smsForm.get("Body")).toContain(`https://firebreak.example.com/a/ack-${tag}`);
  const twiml = new URLSearchParams(call.body.toString()).get("Twiml") ?? "";
  expect(twiml).toMatch(/^<Response><Say language="en-US">/);
  expect(twiml).toContain("&lt;b&gt;bold&lt;/b&gt;");
  expect(twiml).not.toContain("<b>");

  // Every attempt is recorded, per user and per incident.
  expect((await listNotificationAttempts(user.id)).filter((attempt) => attempt.ok)).toHaveLength(methods.length);
  expect(await listIncidentNotificationAttempts(`inc-${tag}`)).toHaveLength(methods.length);
});

it("writes to a Japanese-speaking recipient in Japanese", async () => {
  const user = await createTestUser("responder", "田中 愛子");
  await setNotificationLocale(user, "ja");
  await addContactMethod(user, { kind: "email", label: "メール", target: { address: "aiko.ja@example.com" } });
  await notifyUser(user.id, incidentNotification(`ja-${Date.now()}`, "決済の 502 エラー"), "high");
  const mail = smtp.mails.at(-1);
  expect(mail?.subject).toBe("[SEV1] INC-42 決済の 502 エラー");
  expect(mail?.text).toContain("ステータス: 調査中");
  expect(mail?.text).toContain("確認 (Ack): https://firebreak.example.com/a/ack-ja-");
  expect(mail?.html).toContain('<html lang="ja">');
});

/** The notification counters of /metrics (this file's process), as "attempts email" → count. */
async function notificationCounts(): Promise<Record<string, number>> {
  const { notificationAttempts, notificationFailures } = metrics();
  const counts: Record<string, number> = {};
  for (const [kind, counter] of [
    ["attempts", notificationAttempts],
    ["failures", notificationFailures],
  ] as const) {
    for (const { labels, value } of (await counter.get()).values) counts[`${kind} ${labels.channel}`] = value;
  }
  return counts;
}

const countDelta = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(Object.entries(after).flatMap(([key, value]) => (value !== (before[key] ?? 0) ? [[key, value - (before[key] ?? 0)]] : [])));

it("falls through a channel that answers 500 and one that cannot be reached to the next rule at once, recording each attempt", async () => {
  const user = await createTestUser("responder");
  await saveChannel(admin, "ntfy", { enabled: true, settings: { serverUrl: `http://127.0.0.1:${closedPort}/` }, secrets: { accessToken: "" } });
  await saveChannel(admin, "slack", { enabled: true, settings: { apiBaseUrl: `${http.base}/slack/api` }, secrets: { botToken: "", webhookUrl: `${http.base}/fail/slack` } });
  try {
    const slack = await addContactMethod(user, { kind: "slack", label: "Slack", target: { conversation: "" } });
    const ntfy = await addContactMethod(user, { kind: "ntfy", label: "ntfy", target: { topic: "falls-through" } });
    const email = await addContactMethod(user, { kind: "email", label: "Email", target: { address: "fallthrough@example.com" } });
    // Only Slack at once; ntfy after 1 minute, email after 5.
    await db().notificationRule.deleteMany({ where: { userId: user.id, contactMethodId: { in: [ntfy.id, email.id] } } });
    await addNotificationRule(user, { contactMethodId: ntfy.id, urgency: "high", delayMinutes: 1 });
    await addNotificationRule(user, { contactMethodId: email.id, urgency: "high", delayMinutes: 5 });
    const mailsBefore = smtp.mails.length;
    const countedBefore = await notificationCounts();

    const { attempts } = await notifyUser(user.id, incidentNotification(`fail-${Date.now()}`, "Fall-through"), "high");
    expect(attempts.map((attempt) => [attempt.methodLabel, attempt.ok])).toEqual([
      ["Slack", false],
      ["ntfy", false],
      ["Email", true],
    ]);
    expect(attempts[0]?.error).toBe("answered HTTP 500");
    expect(attempts[1]?.error).toBe("could not be reached (ECONNREFUSED)");
    expect(smtp.mails.length).toBe(mailsBefore + 1);
    expect(slack.id).toBeTruthy();
    const recorded = await listNotificationAttempts(user.id);
    expect(recorded.map((attempt) => [attempt.channel, attempt.ok, attempt.error]).sort()).toEqual([
      ["email", true, ""],
      ["ntfy", false, "could not be reached (ECONNREFUSED)"],
      ["slack", false, "answered HTTP 500"],
    ]);
    expect(recorded.every((attempt) => attempt.latencyMs >= 0)).toBe(true);
    // Counted per channel for /metrics, as recorded.
    const countedAfter = await notificationCounts();
    expect(countDelta(countedBefore, countedAfter)).toEqual({ "attempts email": 1, "attempts ntfy": 1, "attempts slack": 1, "failures ntfy": 1, "failures slack": 1 });
  } finally {
    await saveChannel(admin, "ntfy", { enabled: true, settings: { serverUrl: `${http.base}/ntfy` }, secrets: { accessToken: "tk_ntfytoken" } });
    await saveChannel(admin, "slack", { enabled: true, settings: { apiBaseUrl: `${http.base}/slack/api` }, secrets: { botToken: "xoxb-test-token", webhookUrl: `${http.base}/slack-webhook` } });
  }
});

it("sends later rules when they fall due, once each, and none after the notification is stopped", async () => {
  const user = await createTestUser("responder");
  const ntfy = await addContactMethod(user, { kind: "ntfy", label: "ntfy", target: { topic: "timed" } });
  const email = await addContactMethod(user, { kind: "email", label: "Email", target: { address: "timed@example.com" } });
  await db().notificationRule.deleteMany({ where: { contactMethodId: email.id } });
  await addNotificationRule(user, { contactMethodId: email.id, urgency: "high", delayMinutes: 2 });
  const start = new Date();
  const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

  const first = await notifyUser(user.id, incidentNotification(`timed-${Date.now()}`, "Timed"), "high", start);
  expect(first.attempts.map((attempt) => attempt.methodLabel)).toEqual(["ntfy"]);
  await sendDueNotifications(minutes(1));
  expect((await listNotificationAttempts(user.id)).map((attempt) => attempt.methodLabel)).toEqual(["ntfy"]);
  await sendDueNotifications(minutes(2));
  await sendDueNotifications(minutes(3));
  expect((await listNotificationAttempts(user.id)).map((attempt) => attempt.methodLabel).sort()).toEqual(["Email", "ntfy"]);

  const stoppedIncident = `stopped-${Date.now()}`;
  await notifyUser(user.id, incidentNotification(stoppedIncident, "Acknowledged quickly"), "high", start);
  expect(await stopNotifications({ incidentId: `inc-${stoppedIncident}` }, minutes(1))).toBe(1);
  await sendDueNotifications(minutes(10));
  expect((await listIncidentNotificationAttempts(`inc-${stoppedIncident}`)).map((attempt) => attempt.methodLabel)).toEqual(["ntfy"]);
  expect(ntfy.id).toBeTruthy();
});

it("sends a test notification to one method and records it as a test", async () => {
  const user = await createTestUser("responder", "Ben Carter");
  const method = await addContactMethod(user, { kind: "email", label: "Email", target: { address: "ben@example.com" } });
  const countedBefore = await notificationCounts();
  const result = await sendTestNotification(user.id, method.id);
  // A person checking their settings is not a delivery the metrics count.
  expect(countDelta(countedBefore, await notificationCounts())).toEqual({});
  expect(result).toMatchObject({ ok: true, channel: "email", error: "" });
  expect(smtp.mails.at(-1)?.subject).toBe("Test notification: [SEV3] INC-0 Notification test");
  expect(smtp.envelopes.at(-1)).toEqual({ from: "oncall@firebreak.example.com", to: ["ben@example.com"] });
  expect((await listNotificationAttempts(user.id))[0]).toMatchObject({ test: true, ok: true, channel: "email" });
  const other = await createTestUser("responder");
  await expect(sendTestNotification(other.id, method.id)).rejects.toThrow("Contact method not found");
});

it("refuses a sixth test in ten minutes, even when the six are sent at once, and sends only five", async () => {
  const user = await createTestUser("responder");
  const address = `limited-${user.id}@example.com`;
  const method = await addContactMethod(user, { kind: "email", label: "Email", target: { address } });
  const now = new Date();
  const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => sendTestNotification(user.id, method.id, now)));
  expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(5);
  const refused = outcomes.find((outcome) => outcome.status === "rejected");
  expect(refused?.reason).toMatchObject({ status: 429, code: "rate_limited", retryAfterSeconds: 600 });
  expect(smtp.envelopes.filter((envelope) => envelope.to.includes(address))).toHaveLength(5);
  expect(await db().notificationAttempt.count({ where: { userId: user.id, test: true } })).toBe(5);
  // Ten minutes after the first five, tests go again.
  await expect(sendTestNotification(user.id, method.id, new Date(now.getTime() + 10 * 60_000 + 1))).resolves.toMatchObject({ ok: true });
});

it("refuses an SMTP server on a private address unless the outbound allow-list names it", async () => {
  const user = await createTestUser("responder");
  const method = await addContactMethod(user, { kind: "email", label: "Email", target: { address: "refused@example.com" } });
  const allowed = process.env.FIREBREAK_OUTBOUND_ALLOW;
  process.env.FIREBREAK_OUTBOUND_ALLOW = "";
  resetServerEnvForTests();
  try {
    const result = await sendTestNotification(user.id, method.id);
    expect(result.ok).toBe(false);
    expect(result.error).toContain("127.0.0.1");
    expect(result.error).toContain("FIREBREAK_OUTBOUND_ALLOW");
  } finally {
    process.env.FIREBREAK_OUTBOUND_ALLOW = allowed;
    resetServerEnvForTests();
  }
});
