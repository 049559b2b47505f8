import { describe, expect, it } from "vitest";
import { escapeChatworkText, escapeHtml } from "@/lib/markup/escape";
import { notificationContent } from "../content";
import { targetFromForm, TARGET_SCHEMAS, type TNotification } from "../schema";
import { chatworkBody } from "./chatwork";
import { ntfyMessage } from "./ntfy";
import { pagerdutyEvent } from "./pagerduty";
import { slackMessage } from "./slack";
import { smsBody, voiceTwiml } from "./twilio";

const notification: TNotification = {
  incident: { id: "inc1", reference: "INC-7", title: "<!here> [toall] 決済が失敗", severity: "SEV2", status: "identified", services: [] },
  firstAlert: null,
  links: { open: "https://fb.example.com/incidents/INC-7", acknowledge: null, escalate: null },
  test: false,
};
const recipient = { name: "Aiko", email: "aiko@example.com", locale: "en" as const };

describe("escaping for each target", () => {
  it("escapes HTML and XML special characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
  it("breaks Chatwork tags without hiding the text", () => {
    expect(escapeChatworkText("[toall][To:1]")).toBe("[\u200btoall][\u200bTo:1]");
    expect(chatworkBody(notificationContent(notification, recipient), "")).not.toMatch(/\[toall\]/);
  });
  it("mentions only a member ID in Slack, never text from the title", () => {
    const message = slackMessage(notificationContent(notification, recipient), "U024BE7LH");
    expect(message.text).toBe("<@U024BE7LH> [SEV2] INC-7 &lt;!here&gt; [toall] 決済が失敗");
  });
  it("reads the title out escaped in TwiML, in Japanese for a Japanese recipient", () => {
    const twiml = voiceTwiml(notification, "ja");
    expect(twiml).toContain('<Say language="ja-JP">');
    expect(twiml).toContain("&lt;!here&gt;");
    expect(twiml).toContain("原因特定");
  });
});

describe("urgency and severity mapping", () => {
  const content = notificationContent(notification, recipient);
  it("uses ntfy priority 5 for high urgency and 3 for low", () => {
    expect(ntfyMessage(content, "t", "high").priority).toBe(5);
    expect(ntfyMessage(content, "t", "low").priority).toBe(3);
  });
  it("maps SEV2 to PagerDuty's error severity with one dedup key per incident", () => {
    expect(pagerdutyEvent(notification, "key").payload.severity).toBe("error");
    expect(pagerdutyEvent(notification, "key").dedup_key).toBe("firebreak-inc1");
  });
  it("keeps an SMS to the headline and the open link when there is no acknowledge link", () => {
    expect(smsBody(content)).toBe("[SEV2] INC-7 <!here> [toall] 決済が失敗\nOpen the incident: https://fb.example.com/incidents/INC-7");
  });
});

describe("targetFromForm", () => {
  it("turns the profile's one address field into each kind's target", () => {
    expect(TARGET_SCHEMAS.sms.parse(targetFromForm("sms", "+81 90-1234-5678", ""))).toEqual({ phone: "+819012345678" });
    expect(TARGET_SCHEMAS.chatwork.parse(targetFromForm("chatwork", "", "363"))).toEqual({ roomId: "", accountId: "363" });
    expect(TARGET_SCHEMAS.slack.safeParse(targetFromForm("slack", "<!channel>", "")).success).toBe(false);
  });
});
