import { apiRoute, requireApiActor } from "@/lib/http/api";
import { resumeAfter, SSE_RESPONSE_HEADERS } from "@/lib/timeline/sse";
import { timelineEventStream } from "@/lib/timeline/stream";
import { claimLiveStreamSlot } from "@/lib/timeline/stream-slots";

export const dynamic = "force-dynamic";

/** Every incident's timeline, live: the "what's happening now" feed and the incident list use it. */
export const GET = apiRoute(async (request) => {
  const actor = await requireApiActor(request, "incident:read");
  const after = resumeAfter(request.headers.get("last-event-id"), new URL(request.url).searchParams.get("after"));
  const slot = claimLiveStreamSlot(actor.id);
  return new Response(timelineEventStream({ incidentId: null, afterId: after, signal: request.signal, slot }), { headers: SSE_RESPONSE_HEADERS });
});
