import { plainTextLines, truncate, type TContent } from "../content";
import { NTFY_PRIORITY } from "../rules";
import type { TChannelConfig, TTarget, TUrgency } from "../schema";
import { postToChannel } from "./http";

/**
 * ntfy's "publish as JSON" (POST to the server's root URL): topic, title, plain-text message (no
 * `markdown`, so nothing in a title is formatting), priority 5 (max) for high urgency and 3
 * (default) for low, a click URL and up to three "view" action buttons.
 */
export function ntfyMessage(content: TContent, topic: string, urgency: TUrgency) {
  const [, ...body] = plainTextLines(content).filter((line) => !content.actions.some((action) => line.endsWith(action.url)));
  return {
    topic,
    title: truncate(content.headline, 250),
    message: truncate(body.join("\n"), 4_000),
    priority: NTFY_PRIORITY[urgency],
    tags: [urgency === "high" ? "rotating_light" : "warning"],
    click: content.actions.find((action) => action.kind === "open")?.url,
    actions: content.actions.slice(0, 3).map((action) => ({ action: "view", label: action.label, url: action.url, clear: action.kind !== "open" })),
  };
}

export async function sendNtfy(config: TChannelConfig<"ntfy">, target: TTarget<"ntfy">, content: TContent, urgency: TUrgency): Promise<void> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (config.secrets.accessToken) headers.authorization = `Bearer ${config.secrets.accessToken}`;
  await postToChannel({ url: config.settings.serverUrl, headers, body: JSON.stringify(ntfyMessage(content, target.topic, urgency)) });
}
