import { apiRoute, json, requireApiActor } from "@/lib/http/api";
import { removeContactMethod } from "@/lib/notifications/contact-methods";

export const DELETE = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request);
  await removeContactMethod(actor, id);
  return json({ removed: id });
});
