import { createHmac, timingSafeEqual } from "node:crypto";

// Requests Slack sends to Firebreak: button clicks in notifications (Slack's "interactivity").

/** Where the Slack app's interactivity Request URL points (README "On-call notifications"). */
export const SLACK_INTERACTIONS_PATH = "/api/chat/slack/interactions";

/** Slack signs requests with a timestamp; one older (or further ahead) than this is refused as a replay. */
export const SLACK_SIGNATURE_MAX_AGE_SECONDS = 5 * 60;

export type TSlackSignatureCheck = "valid" | "missing" | "stale" | "mismatch";

/** The signature Slack sends for a body at a timestamp: `v0=` and the hex HMAC-SHA256 of `v0:{timestamp}:{body}`. */
export function slackSignature(signingSecret: string, timestamp: string, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/**
 * Checks a request from Slack (X-Slack-Request-Timestamp, X-Slack-Signature) against the raw body as
 * it arrived. The timestamp is checked first and is part of what is signed, so a captured request
 * cannot be sent again after five minutes with a new timestamp. The comparison takes the same time
 * whatever the bytes, so the signature cannot be guessed a byte at a time.
 */
export function checkSlackSignature(input: { signingSecret: string; timestamp: string | null; signature: string | null; body: string; now: Date }): TSlackSignatureCheck {
  const { signingSecret, timestamp, signature, body, now } = input;
  if (!timestamp || !signature) return "missing";
  if (!/^\d{1,12}$/.test(timestamp)) return "mismatch";
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SLACK_SIGNATURE_MAX_AGE_SECONDS) return "stale";
  const expected = Buffer.from(slackSignature(signingSecret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? "valid" : "mismatch";
}
