import { apiRoute, requireApiActor } from "@/lib/http/api";
import { enterIncidentRoom } from "@/lib/incidents/presence";
import { requireIncidentId } from "@/lib/incidents/queries";
import { resumeAfter, SSE_RESPONSE_HEADERS } from "@/lib/timeline/sse";
import { timelineEventStream } from "@/lib/timeline/stream";
import { claimLiveStreamSlot } from "@/lib/timeline/stream-slots";

export const dynamic = "force-dynamic";

/**
 * The incident's timeline, live: replays what a reconnecting client missed (Last-Event-ID), then
 * streams. An open stream is the viewer's presence in the room.
 */
export const GET = apiRoute<{ ref: string }>(async (request, { ref }) => {
  const actor = await requireApiActor(request, "incident:read");
  const incidentId = await requireIncidentId(ref);
  const after = resumeAfter(request.headers.get("last-event-id"), new URL(request.url).searchParams.get("after"));
  const slot = claimLiveStreamSlot(actor.id);
  const presence = await enterIncidentRoom(incidentId, actor.id).catch((error: unknown) => {
    slot.release();
    throw error;
  });
  return new Response(timelineEventStream({ incidentId, afterId: after, signal: request.signal, presence, slot }), { headers: SSE_RESPONSE_HEADERS });
});
