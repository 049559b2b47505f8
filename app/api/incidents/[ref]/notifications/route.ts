import { apiRoute, json, requireApiActor } from "@/lib/http/api";
import { requireIncidentId } from "@/lib/incidents/queries";
import { listIncidentNotificationAttempts } from "@/lib/notifications/queries";

export const GET = apiRoute<{ ref: string }>(async (request, { ref }) => {
  await requireApiActor(request, "incident:read");
  return json({ attempts: await listIncidentNotificationAttempts(await requireIncidentId(ref)) });
});
