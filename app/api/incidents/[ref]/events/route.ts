import { incidentEventsRoute } from "@/lib/incidents/live-stream-routes";

export const dynamic = "force-dynamic";

/** The incident's timeline, live. The server answers it without Next (lib/incidents/plain-streams.ts). */
export const GET = incidentEventsRoute;
