import { escapeChatworkText } from "@/lib/markup/escape";
import { plainTextLines, type TContent } from "../content";
import type { TChannelConfig, TTarget } from "../schema";
import { ChannelError, joinUrl, postToChannel } from "./http";

/** The message body in Chatwork's notation: [To:account] when given, the content in an [info] box with a [title]. */
export function chatworkBody(content: TContent, accountId: string): string {
  const [headline = "", ...rest] = plainTextLines(content).map(escapeChatworkText);
  const to = accountId ? `[To:${accountId}]\n` : "";
  return `${to}[info][title]${headline}[/title]${rest.join("\n")}\n${escapeChatworkText(content.footer)}[/info]`;
}

/** POST /rooms/{room_id}/messages with the X-ChatWorkToken header and a form-encoded body. */
export async function sendChatwork(config: TChannelConfig<"chatwork">, target: TTarget<"chatwork">, content: TContent): Promise<void> {
  const roomId = target.roomId || config.settings.roomId;
  if (!roomId) throw new ChannelError("no Chatwork room: set one on the channel or on the contact method");
  await postToChannel({
    url: joinUrl(config.settings.apiBaseUrl, `rooms/${roomId}/messages`),
    headers: { "content-type": "application/x-www-form-urlencoded", "x-chatworktoken": config.secrets.apiToken, accept: "application/json" },
    body: new URLSearchParams({ body: chatworkBody(content, target.accountId), self_unread: "0" }).toString(),
  });
}
