import webpush from "web-push";
import { plainTextLines, truncate, type TContent } from "../content";
import { PUSH_URGENCY } from "../rules";
import type { TChannelConfig, TTarget, TUrgency } from "../schema";
import { ChannelError, postToChannel } from "./http";

/** What public/sw.js receives: it shows `title` and `body`, opens `url` on a tap and the action's URL on a button. */
export function pushPayload(content: TContent) {
  const [, ...body] = plainTextLines(content).filter((line) => !content.actions.some((action) => line.endsWith(action.url)));
  return {
    title: truncate(content.headline, 120),
    body: truncate(body.join("\n"), 500),
    url: content.actions.find((action) => action.kind === "open")?.url ?? "/",
    actions: content.actions.filter((action) => action.kind !== "open").map((action) => ({ action: action.kind, title: action.label, url: action.url })),
  };
}

/**
 * RFC 8030 delivery of an RFC 8291 (aes128gcm) encrypted message with a VAPID (RFC 8292) JWT: the
 * `web-push` package encrypts and signs, and the request goes out through the outbound module like
 * every other. A 404 or 410 means the browser dropped the subscription.
 */
export async function sendWebPush(config: TChannelConfig<"webpush">, subscription: TTarget<"webpush">, content: TContent, urgency: TUrgency): Promise<void> {
  const request = webpush.generateRequestDetails(subscription, JSON.stringify(pushPayload(content)), {
    vapidDetails: { subject: config.settings.subject, publicKey: config.settings.publicKey, privateKey: config.secrets.privateKey },
    contentEncoding: "aes128gcm",
    TTL: 60 * 60,
    urgency: PUSH_URGENCY[urgency],
  });
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
  try {
    await postToChannel({ url: request.endpoint, headers, body: new Uint8Array(request.body) });
  } catch (error) {
    if (error instanceof ChannelError && /HTTP (404|410)$/.test(error.message)) {
      throw new ChannelError(`the browser's push subscription has ended (${error.message}): subscribe again on that device`);
    }
    throw error;
  }
}

/** A new VAPID key pair, made once per Firebreak (lib/notifications/vapid.ts stores it). */
export const generateVapidKeys = () => webpush.generateVAPIDKeys();
