// Acknowledging from Slack: a real escalation notifies a person through the Slack channel (a real
// local receiver stands in for Slack), and the message's button is clicked the way Slack reports a
// click: a signed, form-encoded block_actions payload posted to the route. The escalation worker acts
// on every due run of its database and the Slack channel is one row, so this file has a database of its own.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { POST as interactionsRoute } from "@/app/api/chat/slack/interactions/route";
import type { TActor } from "@/lib/auth/permissions";
import { db, disconnectDb } from "@/lib/db/prisma";
import { deliverToPeople } from "@/lib/escalation/deliver-to-people";
import { deliverEscalationNotifications } from "@/lib/escalation/delivery";
import { createEscalationPolicy } from "@/lib/escalation/service";
import { startEscalation } from "@/lib/escalation/start";
import { advanceDueEscalations } from "@/lib/escalation/worker";
import { declareIncident } from "@/lib/incidents/service";
import { saveChannel } from "@/lib/notifications/channel-store";
import { addContactMethod, setNotificationLocale } from "@/lib/notifications/contact-methods";
import { createTestUser } from "@/lib/testing/factories";
import { startHttpReceiver, type TReceived } from "@/lib/testing/notification-receivers";
import { createScratchDatabase } from "@/tests/scratch-database";
import { useDatabase } from "@/tests/use-database";

const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
type TBlock = { type: string; block_id?: string; elements?: { action_id: string; value?: string; url?: string; text: unknown; style?: string }[] };
type TSlackMessage = { text: string; blocks: TBlock[] };

let admin: TActor;
let slack: Awaited<ReturnType<typeof startHttpReceiver>>;

beforeAll(async () => {
  await useDatabase(await createScratchDatabase(inject("databaseUrl")));
  slack = await startHttpReceiver();
  admin = await createTestUser("admin", "Admin");
}, 60_000);
afterAll(async () => {
  await slack.close();
  await disconnectDb();
});

const setUpSlack = (secrets: Record<string, string>) => saveChannel(admin, "slack", { enabled: true, settings: {}, secrets: { webhookUrl: `${slack.base}/slack-webhook`, ...secrets } });

/** Aiko (step 1, notified through Slack) and Ben (step 2) on a two-step policy, and an incident escalating by it: the Slack message Aiko got. */
async function pagedThroughSlack(locale: "en" | "ja" = "en") {
  const now = new Date();
  const aiko = await createTestUser("responder", "Aiko Tanaka");
  const ben = await createTestUser("responder", "Ben Carter");
  await addContactMethod(aiko, { kind: "slack", label: "Slack", target: { conversation: "U024BE7LH" } });
  if (locale === "ja") await setNotificationLocale(aiko, "ja");
  const policy = await createEscalationPolicy(admin, {
    name: `Slack ${aiko.id}`,
    description: "",
    teamId: null,
    repeatCount: 0,
    steps: [
      { delayMinutes: 5, targets: [{ kind: "user", userId: aiko.id }] },
      { delayMinutes: 5, targets: [{ kind: "user", userId: ben.id }] },
    ],
  });
  const incident = await declareIncident(admin, { title: "Checkout <!channel> failing", severity: "SEV1", serviceIds: [], summary: "" }, now);
  await db().$transaction((tx) => startEscalation(tx, { incidentId: incident.id, policyId: policy.id, urgency: "high" }, now));
  const before = slack.received.length;
  await advanceDueEscalations(now);
  await deliverEscalationNotifications(deliverToPeople, now);
  const sent = slack.received.slice(before).filter((request) => request.path === "/slack-webhook");
  expect(sent).toHaveLength(1);
  const message = JSON.parse((sent[0] as TReceived).body.toString("utf8")) as TSlackMessage;
  return { aiko, incident, message };
}

const buttonsOf = (message: { blocks: TBlock[] }) => message.blocks.find((block) => block.type === "actions")?.elements ?? [];

/** Slack's block_actions payload for a click on one of the message's buttons (the fields Slack documents, as it sends them). */
function click(message: TSlackMessage, actionId: string, responsePath: string) {
  const button = buttonsOf(message).find((element) => element.action_id === actionId);
  return {
    type: "block_actions",
    user: { id: "U0CLICKER1", username: "someone", name: "someone", team_id: "T0TEAM001" },
    api_app_id: "A0APP0001",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: "1764720000.000100", channel_id: "D0DIRECT01", is_ephemeral: false },
    trigger_id: "1234567890.123456789.abcdef",
    team: { id: "T0TEAM001", domain: "example" },
    channel: { id: "D0DIRECT01", name: "directmessage" },
    message: { type: "message", subtype: "bot_message", ts: "1764720000.000100", text: message.text, blocks: message.blocks },
    response_url: `${slack.base}${responsePath}`,
    actions: [{ action_id: actionId, block_id: "firebreak_actions", text: button?.text, value: button?.value, style: button?.style, type: "button", action_ts: "1764720001.000200" }],
  };
}

/** Posts a payload to the route as Slack does: form-encoded, signed with `secret` at `sentAt` (independently of the code under test). */
async function postToRoute(payload: object, options: { secret?: string; sentAt?: Date; tamper?: (body: string) => string } = {}) {
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const timestamp = String(Math.floor((options.sentAt ?? new Date()).getTime() / 1000));
  const signature = `v0=${createHmac("sha256", options.secret ?? SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  const request = new Request("http://localhost/api/chat/slack/interactions", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": timestamp, "x-slack-signature": signature },
    body: options.tamper ? options.tamper(body) : body,
  });
  return interactionsRoute(request, { params: Promise.resolve({}) });
}

/** What Firebreak posted to a click's response_url: it is posted after the route has answered, so this waits for it. */
async function replyAt(path: string) {
  const find = () => slack.received.find((request) => request.path === path);
  await vi.waitFor(() => expect(find()).toBeDefined(), { timeout: 10_000, interval: 20 });
  return JSON.parse((find() as TReceived).body.toString("utf8"));
}

const acknowledgements = (incidentId: string) => db().timelineEntry.findMany({ where: { incidentId, kind: "acknowledged" } });

describe("without the Slack app's signing secret", () => {
  it("keeps the buttons as links to the one-tap page and the endpoint answers 404 saying what to set up", async () => {
    await setUpSlack({});
    const { incident, message } = await pagedThroughSlack();
    const acknowledge = buttonsOf(message).find((button) => button.action_id === "firebreak_acknowledge");
    expect(acknowledge?.url).toMatch(/\/a\/[A-Za-z0-9_-]{43}$/);
    expect(acknowledge?.value).toBeUndefined();

    const response = await postToRoute(click(message, "firebreak_acknowledge", "/slack-response/unconfigured"));
    expect(response.status).toBe(404);
    expect((await response.json()).message).toMatch(/signing secret at \/admin\/notifications/);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).acknowledgedAt).toBeNull();
  });
});

describe("with the Slack app's signing secret", () => {
  beforeAll(async () => {
    await setUpSlack({ signingSecret: SIGNING_SECRET });
  });

  it("acknowledges in the notified person's name, on the timeline, and updates the message; a second click answers the same and changes nothing", async () => {
    const { aiko, incident, message } = await pagedThroughSlack();
    const buttons = buttonsOf(message);
    // The buttons act in Slack: the one-tap link rides in `value`, and no `url` opens a browser.
    expect(buttons.find((button) => button.action_id === "firebreak_acknowledge")).toMatchObject({ value: expect.stringMatching(/\/a\/[A-Za-z0-9_-]{43}$/) });
    expect(buttons.find((button) => button.action_id === "firebreak_acknowledge")?.url).toBeUndefined();
    expect(buttons.find((button) => button.action_id === "firebreak_open")?.url).toMatch(/\/incidents\//);

    const response = await postToRoute(click(message, "firebreak_acknowledge", "/slack-response/first"));
    expect(response.status).toBe(200);
    // Done before Slack got its answer: acknowledged by Aiko (the link's person, not the Slack user who clicked).
    const acknowledged = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(acknowledged.acknowledgedById).toBe(aiko.id);
    const entries = await acknowledgements(incident.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: aiko.id, detail: expect.objectContaining({ via: "slack" }) });
    expect(await db().escalationRun.findUniqueOrThrow({ where: { incidentId: incident.id } })).toMatchObject({ status: "acknowledged", stoppedById: aiko.id });

    const update = await replyAt("/slack-response/first");
    const at = Math.floor((acknowledged.acknowledgedAt as Date).getTime() / 1000);
    expect(update).toMatchObject({ replace_original: true, text: expect.stringMatching(new RegExp(`^Acknowledged by Aiko Tanaka at <!date\\^${at}\\^`)) });
    expect(buttonsOf(update).map((button) => button.action_id)).toEqual(["firebreak_open"]);
    // The rest of the message is as Slack showed it, the title still escaped.
    expect(JSON.stringify(update.blocks)).toContain("Checkout &lt;!channel&gt; failing");

    // The same button again (the message not yet updated, or a double tap): the same answer, nothing changed.
    const again = await postToRoute(click(message, "firebreak_acknowledge", "/slack-response/second"));
    expect(again.status).toBe(200);
    expect(await replyAt("/slack-response/second")).toMatchObject({ replace_original: true, text: update.text });
    expect(await acknowledgements(incident.id)).toHaveLength(1);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).acknowledgedAt).toEqual(acknowledged.acknowledgedAt);
  });

  it("answers in the notified person's language", async () => {
    const { incident, message } = await pagedThroughSlack("ja");
    expect((await postToRoute(click(message, "firebreak_acknowledge", "/slack-response/ja"))).status).toBe(200);
    expect((await replyAt("/slack-response/ja")).text).toMatch(/^Aiko Tanaka さんが <!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+> に確認 \(アクノレッジ\) しました。$/);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).acknowledgedAt).not.toBeNull();
  });

  it("escalates now from the escalate button, keeping the acknowledge button", async () => {
    const { aiko, incident, message } = await pagedThroughSlack();
    expect((await postToRoute(click(message, "firebreak_escalate", "/slack-response/escalate"))).status).toBe(200);
    const entries = await db().timelineEntry.findMany({ where: { incidentId: incident.id, kind: "escalation_escalated" } });
    expect(entries.map((entry) => entry.actorId)).toEqual([aiko.id]);
    const update = await replyAt("/slack-response/escalate");
    expect(update.text).toMatch(/^Escalated to the next step by Aiko Tanaka at <!date\^/);
    expect(buttonsOf(update).map((button) => button.action_id)).toEqual(["firebreak_acknowledge", "firebreak_open"]);
  });

  it("changes nothing for a forged signature, a tampered body or a replay older than five minutes", async () => {
    const { incident, message } = await pagedThroughSlack();
    const payload = click(message, "firebreak_acknowledge", "/slack-response/forged");
    const refused = [
      await postToRoute(payload, { secret: "not-the-apps-secret" }),
      await postToRoute(payload, { tamper: (body) => body.replace("U0CLICKER1", "U0CLICKER2") }),
      await postToRoute(payload, { sentAt: new Date(new Date().getTime() - 6 * 60_000) }),
    ];
    expect(refused.map((response) => response.status)).toEqual([401, 401, 401]);
    expect((await refused[0]?.json()).error).toBe("invalid_signature");
    expect((await refused[2]?.json()).error).toBe("stale_request");
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).acknowledgedAt).toBeNull();
    expect(await acknowledgements(incident.id)).toHaveLength(0);
    expect(await db().escalationActionToken.count({ where: { incidentId: incident.id, usedAt: { not: null } } })).toBe(0);
    expect(slack.received.some((request) => request.path === "/slack-response/forged")).toBe(false);

    // The same click, signed by the app: it is the signature that was refused, not the click.
    expect((await postToRoute(payload)).status).toBe(200);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).acknowledgedAt).not.toBeNull();
  });

  it("answers a click on a link button with 200 and does nothing else: the button has opened its page", async () => {
    const { incident, message } = await pagedThroughSlack();
    expect((await postToRoute(click(message, "firebreak_open", "/slack-response/open"))).status).toBe(200);
    // An acknowledge link button of a message sent before interactivity was set up: its page acts, not the click.
    const linkButton = click(message, "firebreak_acknowledge", "/slack-response/link-button");
    delete linkButton.actions[0]?.value;
    expect((await postToRoute(linkButton)).status).toBe(200);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).acknowledgedAt).toBeNull();
    // A reply would be posted after the answer: one click that does reply, waited for, comes after them.
    expect((await postToRoute(click(message, "firebreak_acknowledge", "/slack-response/after-links"))).status).toBe(200);
    await replyAt("/slack-response/after-links");
    expect(slack.received.some((request) => request.path === "/slack-response/open" || request.path === "/slack-response/link-button")).toBe(false);
  });
});
