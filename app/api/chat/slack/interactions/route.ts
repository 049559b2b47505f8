import { receiveSlackInteraction } from "@/lib/escalation/slack-interactions";
import { apiRoute, readText } from "@/lib/http/api";

/**
 * The Slack app's interactivity Request URL: a button clicked in a notification. No session: the
 * request is Slack's, proven by its signature, and the button's one-tap link is the authority.
 * Slack gets its 200 as soon as the click is done; the message is updated after the answer (the
 * follow-up catches its own failures, and the server process outlives the response).
 */
export const POST = apiRoute(async (request) => {
  const followUp = await receiveSlackInteraction(
    { body: await readText(request), timestamp: request.headers.get("x-slack-request-timestamp"), signature: request.headers.get("x-slack-signature") },
    new Date(),
  );
  if (followUp) void followUp();
  return new Response(null, { status: 200 });
});
