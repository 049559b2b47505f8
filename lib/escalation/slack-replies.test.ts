import { describe, expect, it } from "vitest";
import { notificationContent } from "@/lib/notifications/content";
import { slackMessage } from "@/lib/notifications/channels/slack";
import type { TActionLinkReport } from "./action-tokens";
import { slackActionReply, slackTime } from "./slack-replies";

const link = (kind: string) => `https://fb.example.com/a/${kind.padEnd(43, "x")}`;
const content = notificationContent(
  {
    incident: { id: "inc1", reference: "INC-7", title: "Checkout failing", severity: "SEV1", status: "investigating", services: [] },
    firstAlert: null,
    links: { open: "https://fb.example.com/incidents/INC-7", acknowledge: link("ack"), escalate: link("esc") },
    test: false,
  },
  { name: "Aiko <Tanaka>", email: "aiko@example.com", locale: "en" },
);
const original = slackMessage(content, null, true).blocks as Record<string, unknown>[];
const at = new Date("2026-12-02T23:15:30Z");
const report = (over: Partial<TActionLinkReport> = {}): TActionLinkReport => ({
  action: "acknowledge",
  usedAt: at,
  person: { name: "Aiko <Tanaka>", locale: "en" },
  incident: { reference: "INC-7", acknowledgedAt: at, acknowledgedBy: "Aiko <Tanaka>" },
  ...over,
});
const buttons = (blocks: Record<string, unknown>[]) => (blocks.find((block) => block.type === "actions")?.elements as { action_id: string }[] | undefined)?.map((button) => button.action_id) ?? [];

describe("the message's buttons", () => {
  it("carry the one-tap link as a value and no url when interactive, and as a url otherwise", () => {
    expect(buttons(original)).toEqual(["firebreak_acknowledge", "firebreak_escalate", "firebreak_open"]);
    const [ack, , open] = (original.find((block) => block.type === "actions")?.elements ?? []) as Record<string, unknown>[];
    expect(ack).toMatchObject({ value: link("ack"), style: "primary" });
    expect(ack).not.toHaveProperty("url");
    expect(open).toMatchObject({ url: "https://fb.example.com/incidents/INC-7" });
    const links = slackMessage(content, null).blocks.find((block) => (block as { type: string }).type === "actions") as { elements: Record<string, unknown>[] };
    expect(links.elements[0]).toMatchObject({ url: link("ack") });
    expect(links.elements[0]).not.toHaveProperty("value");
  });
});

describe("the reply to a click", () => {
  it("shows a time in each reader's own zone, with a UTC fallback", () => {
    expect(slackTime(at)).toBe("<!date^1796253330^{date_short_pretty} {time}|2026-12-02 23:15 UTC>");
  });

  it("replaces the buttons that are done with who acknowledged and when, keeping Open", () => {
    const reply = slackActionReply({ outcome: "acknowledged", reference: "INC-7" }, report(), original);
    expect(reply).toMatchObject({ replace_original: true, text: `Acknowledged by Aiko &lt;Tanaka&gt; at ${slackTime(at)}.` });
    if (!reply.replace_original) throw new Error("expected the message to be replaced");
    expect(buttons(reply.blocks)).toEqual(["firebreak_open"]);
    expect(reply.blocks.map((block) => block.type)).toEqual(["section", "section", "section", "actions", "context"]);
  });

  it("says who acknowledged first when the incident was already acknowledged, or the same button is used again", () => {
    const byBen = report({ incident: { reference: "INC-7", acknowledgedAt: at, acknowledgedBy: "Ben" } });
    expect(slackActionReply({ outcome: "already_acknowledged", reference: "INC-7", by: "Ben" }, byBen, original).text).toMatch(/^Acknowledged by Ben at /);
    expect(slackActionReply({ outcome: "used" }, byBen, original).text).toMatch(/^Acknowledged by Ben at /);
  });

  it("keeps the acknowledge button after escalating now", () => {
    const reply = slackActionReply({ outcome: "escalated", reference: "INC-7" }, report({ action: "escalate" }), original);
    if (!reply.replace_original) throw new Error("expected the message to be replaced");
    expect(reply.text).toMatch(/^Escalated to the next step by Aiko &lt;Tanaka&gt; at /);
    expect(buttons(reply.blocks)).toEqual(["firebreak_acknowledge", "firebreak_open"]);
  });

  it("tells only the clicker, in their notifications' language, when the button cannot act, leaving the message", () => {
    expect(slackActionReply({ outcome: "expired" }, report({ person: { name: "Aiko", locale: "ja" } }), original)).toEqual({
      replace_original: false,
      response_type: "ephemeral",
      text: "このボタンは有効期限が切れています。Firebreak でインシデントを開いてください。",
    });
    expect(slackActionReply({ outcome: "unknown" }, null, null)).toMatchObject({ replace_original: false, text: expect.stringMatching(/does not recognise/) });
    expect(slackActionReply({ outcome: "not_escalated", reference: "INC-7", reason: "stopped" }, report({ action: "escalate" }), original).text).toMatch(/^INC-7 was not escalated/);
  });

  it("replaces the message with the line alone when Slack did not send the original", () => {
    expect(slackActionReply({ outcome: "acknowledged", reference: "INC-7" }, report(), null)).toMatchObject({ blocks: [{ type: "section" }] });
  });
});
