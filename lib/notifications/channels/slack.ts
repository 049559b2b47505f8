import { escapeSlackText, slackLink } from "@/lib/markup/escape";
import type { TContent } from "../content";
import type { TChannelConfig, TTarget } from "../schema";
import { ChannelError, joinUrl, jsonField, postToChannel } from "./http";

/** The block of buttons: replaced by what was done once a button has acted (lib/escalation/slack-interactions.ts). */
export const SLACK_ACTIONS_BLOCK = "firebreak_actions";

/** A member ID (U…, W…) is mentioned; a channel ID is only where the message goes. */
const isMemberId = (conversation: string) => /^[UW]/.test(conversation);

/**
 * A button of the message. Acknowledge and escalate-now are link buttons to the one-tap page, or,
 * when Slack's interactivity is set up (`interactive`: the channel has the app's signing secret),
 * buttons that act in Slack itself: they carry the one-tap link as their `value` for the interactive
 * endpoint to redeem, and no `url`. Slack would both open a button's `url` and send the click, so a
 * button with both would open a browser page for a link the click has just used up.
 */
function slackButton(action: TContent["actions"][number], interactive: boolean) {
  const acts = action.kind === "acknowledge" || action.kind === "escalate";
  return {
    type: "button",
    text: { type: "plain_text", text: action.label },
    ...(interactive && acts ? { value: action.url } : { url: action.url }),
    action_id: `firebreak_${action.kind}`,
    ...(action.kind === "acknowledge" ? { style: "primary" } : action.kind === "escalate" ? { style: "danger" } : {}),
  };
}

/**
 * The message in Slack's Block Kit with a `text` fallback (what notifications and screen readers
 * show). Every text goes through Slack's escaping, so a title such as `<!channel>` is shown, not
 * sent; the links are URLs Firebreak was given by the caller or the alert's http(s) runbook.
 */
export function slackMessage(content: TContent, mention: string | null, interactive = false) {
  const who = mention ? `<@${mention}> ` : "";
  const facts = content.facts.map((fact) => `*${escapeSlackText(fact.label)}:* ${escapeSlackText(fact.value)}`);
  const alert = content.firstAlert
    ? [`*${escapeSlackText(content.firstAlert.label)}:* ${escapeSlackText(content.firstAlert.text)}${content.firstAlert.runbook ? ` · ${slackLink(content.firstAlert.runbook.url, content.firstAlert.runbook.label)}` : ""}`]
    : [];
  const blocks: object[] = [
    { type: "section", text: { type: "mrkdwn", text: `${who}*${escapeSlackText(content.headline)}*` } },
    { type: "section", text: { type: "mrkdwn", text: [...(content.testNote ? [escapeSlackText(content.testNote)] : []), ...facts, ...alert].join("\n") } },
    { type: "actions", block_id: SLACK_ACTIONS_BLOCK, elements: content.actions.map((action) => slackButton(action, interactive)) },
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
  const interactive = config.secrets.signingSecret !== "";
  if (botToken && target.conversation) {
    const response = await postToChannel({
      url: joinUrl(config.settings.apiBaseUrl, "chat.postMessage"),
      headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${botToken}` },
      body: JSON.stringify({ channel: target.conversation, unfurl_links: false, ...slackMessage(content, null, interactive) }),
    });
    if (jsonField(response.body, "ok") !== true) {
      const code = jsonField(response.body, "error");
      throw new ChannelError(`Slack refused the message (${typeof code === "string" ? code.slice(0, 60) : "no error code"})`);
    }
    return;
  }
  if (!webhookUrl) throw new ChannelError("Slack has no incoming webhook, and no bot token with a member or channel ID for this method");
  const mention = target.conversation && isMemberId(target.conversation) ? target.conversation : null;
  await postToChannel({ url: webhookUrl, headers: { "content-type": "application/json" }, body: JSON.stringify(slackMessage(content, mention, interactive)) });
}
