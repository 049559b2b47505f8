import { apiRoute, notFoundResponse, requireApiActor } from "@/lib/http/api";
import { findIncidentId } from "@/lib/incidents/queries";
import { resumeAfter, SSE_RESPONSE_HEADERS } from "@/lib/timeline/sse";
import { timelineEventStream } from "@/lib/timeline/stream";

export const dynamic = "force-dynamic";

/** The incident's timeline, live: replays what a reconnecting client missed (Last-Event-ID), then streams. */
export const GET = apiRoute<{ ref: string }>(async (request, { ref }) => {
  await requireApiActor(request, "incident:read");
  const incidentId = await findIncidentId(ref);
  if (!incidentId) return notFoundResponse("Incident");
  const after = resumeAfter(request.headers.get("last-event-id"), new URL(request.url).searchParams.get("after"));
  return new Response(timelineEventStream(incidentId, after, request.signal), { headers: SSE_RESPONSE_HEADERS });
});
