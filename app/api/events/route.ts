import { apiRoute, requireApiActor } from "@/lib/http/api";
import { resumeAfter, SSE_RESPONSE_HEADERS } from "@/lib/timeline/sse";
import { timelineEventStream } from "@/lib/timeline/stream";

export const dynamic = "force-dynamic";

/** Every incident's timeline, live: the "what's happening now" feed and the incident list use it. */
export const GET = apiRoute(async (request) => {
  await requireApiActor(request, "incident:read");
  const after = resumeAfter(request.headers.get("last-event-id"), new URL(request.url).searchParams.get("after"));
  return new Response(timelineEventStream(null, after, request.signal), { headers: SSE_RESPONSE_HEADERS });
});
