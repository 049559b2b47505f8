import { apiRoute, json, requireApiActor } from "@/lib/http/api";
import { sendTestNotification } from "@/lib/notifications/notify";

/** Sends a test notification to one of the caller's contact methods; 200 with `ok: false` and the error when the channel refused. */
export const POST = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request);
  return json(await sendTestNotification(actor.id, id));
});
