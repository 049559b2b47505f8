import { apiRoute, json, requireApiActor } from "@/lib/http/api";
import { listNotificationAttempts } from "@/lib/notifications/queries";

export const GET = apiRoute(async (request) => {
  const actor = await requireApiActor(request);
  return json({ attempts: await listNotificationAttempts(actor.id) });
});
