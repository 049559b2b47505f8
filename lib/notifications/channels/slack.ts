import { escapeSlackText, slackLink } from "@/lib/markup/escape";
import type { TContent } from "../content";
import type { TChannelConfig, TTarget } from "../schema";
import { ChannelError, joinUrl, jsonField, postToChannel } from "./http";

/** A member ID (U…, W…) is mentioned; a channel ID is only where the message goes. */
const isMemberId = (conversation: string) => /^[UW]/.test(conversation);

/**
 * The message in Slack's Block Kit with a `text` fallback (what notifications and screen readers
 * show). Every text goes through Slack's escaping, so a title such as `<!channel>` is shown, not
 * sent; the links are URLs Firebreak was given by the caller or the alert's http(s) runbook.
 */
export function slackMessage(content: TContent, mention: string | null) {
  const who = mention ? `<@${mention}> ` : "";
  const facts = content.facts.map((fact) => `*${escapeSlackText(fact.label)}:* ${escapeSlackText(fact.value)}`);
  const alert = content.firstAlert
    ? [`*${escapeSlackText(content.firstAlert.label)}:* ${escapeSlackText(content.firstAlert.text)}${content.firstAlert.runbook ? ` · ${slackLink(content.firstAlert.runbook.url, content.firstAlert.runbook.label)}` : ""}`]
    : [];
  const blocks: object[] = [
    { type: "section", text: { type: "mrkdwn", text: `${who}*${escapeSlackText(content.headline)}*` } },
    { type: "section", text: { type: "mrkdwn", text: [...(content.testNote ? [escapeSlackText(content.testNote)] : []), ...facts, ...alert].join("\n") } },
    {
      type: "actions",
      elements: content.actions.map((action) => ({
        type: "button",
        text: { type: "plain_text", text: action.label },
        url: action.url,
        action_id: `firebreak_${action.kind}`,
        ...(action.kind === "acknowledge" ? { style: "primary" } : action.kind === "escalate" ? { style: "danger" } : {}),
      })),
    },
    { type: "context", elements: [{ type: "mrkdwn", text: escapeSlackText(content.footer) }] },
  ];
  return { text: `${who}${escapeSlackText(content.headline)}`, blocks };
}

/**
 * With a bot token and a conversation: `chat.postMessage` (a member ID opens a direct message with
 * the bot). Otherwise the incoming webhook, mentioning the member. Slack answers `chat.postMessage`
 * with HTTP 200 and `{"ok": false, "error": "…"}` when it refuses, so `ok` is what counts.
 */
export async function sendSlack(config: TChannelConfig<"slack">, target: TTarget<"slack">, content: TContent): Promise<void> {
  const { botToken, webhookUrl } = config.secrets;
  if (botToken && target.conversation) {
    const response = await postToChannel({
      url: joinUrl(config.settings.apiBaseUrl, "chat.postMessage"),
      headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${botToken}` },
      body: JSON.stringify({ channel: target.conversation, unfurl_links: false, ...slackMessage(content, null) }),
    });
    if (jsonField(response.body, "ok") !== true) {
      const code = jsonField(response.body, "error");
      throw new ChannelError(`Slack refused the message (${typeof code === "string" ? code.slice(0, 60) : "no error code"})`);
    }
    return;
  }
  if (!webhookUrl) throw new ChannelError("Slack has no incoming webhook, and no bot token with a member or channel ID for this method");
  const mention = target.conversation && isMemberId(target.conversation) ? target.conversation : null;
  await postToChannel({ url: webhookUrl, headers: { "content-type": "application/json" }, body: JSON.stringify(slackMessage(content, mention)) });
}
