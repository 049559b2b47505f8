import { apiRoute, requireApiActor } from "@/lib/http/api";
import { resumeAfter, SSE_RESPONSE_HEADERS } from "@/lib/timeline/sse";
import { timelineEventStream } from "@/lib/timeline/stream";
import { claimLiveStreamSlot } from "@/lib/timeline/stream-slots";
import { enterIncidentRoom } from "./presence";
import { requireIncidentId } from "./queries";

// The live timeline streams' handlers, for Next's routes (app/api/…/events) and for the server,
// which answers them outside Next's route layer (lib/incidents/plain-streams.ts).

/**
 * The incident's timeline, live: replays what a reconnecting client missed (Last-Event-ID), then
 * streams. An open stream is the viewer's presence in the room.
 */
export const incidentEventsRoute = apiRoute<{ ref: string }>(async (request, { ref }) => {
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

/** Every incident's timeline, live: the "what's happening now" feed and the incident list use it. */
export const allIncidentsEventsRoute = apiRoute(async (request) => {
  const actor = await requireApiActor(request, "incident:read");
  const after = resumeAfter(request.headers.get("last-event-id"), new URL(request.url).searchParams.get("after"));
  const slot = claimLiveStreamSlot(actor.id);
  return new Response(timelineEventStream({ incidentId: null, afterId: after, signal: request.signal, slot }), { headers: SSE_RESPONSE_HEADERS });
});
