import "server-only";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { describeOutboundFailure, outboundRequest } from "@/lib/http/outbound";
import { loadChannel } from "@/lib/notifications/channel-store";
import { checkSlackSignature } from "@/lib/notifications/slack-requests";
import { applyActionLink, reportActionLink, tokenOfActionUrl } from "./action-tokens";
import { slackActionReply, type TSlackReply } from "./slack-replies";

// A click on a notification's button in Slack (Slack's interactivity), signed by the Slack app.

const ACTING_BUTTONS: Record<string, true> = { firebreak_acknowledge: true, firebreak_escalate: true };

/** The part of Slack's `block_actions` payload Firebreak reads; Slack sends much more, which is ignored. */
const ZBlockActions = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().max(64) }),
  actions: z.array(z.object({ action_id: z.string().max(255), value: z.string().max(2_000).optional() })).min(1),
  response_url: z.url({ protocol: /^https?$/ }).optional(),
  message: z.object({ blocks: z.array(z.record(z.string(), z.unknown())).max(100).optional() }).optional(),
});

export type TSlackRequest = { body: string; timestamp: string | null; signature: string | null };

/** Work to do once Slack has its answer: the message update. It never throws. */
export type TFollowUp = () => Promise<void>;

function payloadOf(body: string): unknown {
  const payload = new URLSearchParams(body).get("payload");
  if (payload === null) throw new DomainError(400, "invalid_request", "errors.slack.payloadMissing");
  try {
    return JSON.parse(payload);
  } catch {
    throw new DomainError(400, "invalid_request", "errors.slack.payloadNotJson");
  }
}

/**
 * Receives a click. Refused unless Slack's interactivity is set up (the Slack channel has the app's
 * signing secret) and the request carries Slack's signature of this very body from the last five
 * minutes; the refusal names what failed, never the secret or the body.
 *
 * An acknowledge or escalate-now button redeems the one-tap link it carries through the same code
 * as the one-tap page, in the name of the person the link was sent to (not whoever clicked: the
 * link is theirs, as it is when forwarded), and is done before Slack gets its answer, so an answer
 * of 200 means it is on the timeline. What is left, updating the message through the click's
 * `response_url`, is returned to run after the answer: Slack waits 3 seconds at most.
 */
export async function receiveSlackInteraction(request: TSlackRequest, now: Date): Promise<TFollowUp | null> {
  const slack = await loadChannel("slack");
  const signingSecret = slack?.secrets.signingSecret ?? "";
  if (!signingSecret) {
    throw new DomainError(404, "not_configured", "errors.slack.notConfigured");
  }
  const check = checkSlackSignature({ signingSecret, ...request, now });
  if (check === "missing") throw new DomainError(401, "unsigned", "errors.slack.unsigned");
  if (check === "stale") throw new DomainError(401, "stale_request", "errors.slack.staleRequest");
  if (check === "mismatch") throw new DomainError(401, "invalid_signature", "errors.slack.badSignature");

  const parsed = ZBlockActions.safeParse(payloadOf(request.body));
  if (!parsed.success) return null;
  const { user, actions, response_url: responseUrl, message } = parsed.data;
  const [action] = actions;
  // A link button (no value: "Open the incident", or a message sent before interactivity was set up)
  // has opened its page in the browser; the click needs only the answer.
  if (!action?.value || !ACTING_BUTTONS[action.action_id]) return null;

  const token = tokenOfActionUrl(action.value);
  const outcome = await applyActionLink(token, now, "slack");
  console.info(`[slack] ${action.action_id} pressed by Slack user ${user.id}: ${outcome.outcome}${"reference" in outcome ? ` (${outcome.reference})` : ""}`);
  if (!responseUrl) return null;
  const reply = slackActionReply(outcome, await reportActionLink(token), message?.blocks ?? null);
  return () => postReply(responseUrl, reply);
}

/** Posts the reply to the click's response_url (Slack's, and checked by the outbound rules like every request). */
async function postReply(responseUrl: string, reply: TSlackReply): Promise<void> {
  try {
    const response = await outboundRequest({
      url: responseUrl,
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", "user-agent": "Firebreak" },
      body: JSON.stringify(reply),
      timeoutMs: 10_000,
      maxResponseBytes: 16 * 1024,
    });
    // The URL is a credential for the conversation for 30 minutes, so it is never logged.
    if (response.status < 200 || response.status > 299) console.warn(`[slack] updating the message after a click: Slack answered HTTP ${response.status}`);
  } catch (error) {
    console.warn(`[slack] updating the message after a click: Slack ${describeOutboundFailure(error)}`);
  }
}
