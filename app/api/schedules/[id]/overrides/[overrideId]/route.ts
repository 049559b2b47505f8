import { apiRoute, json, requireApiActor } from "@/lib/http/api";
import { deleteOverride } from "@/lib/oncall/service";

export const DELETE = apiRoute<{ id: string; overrideId: string }>(async (request, { id, overrideId }) => {
  const actor = await requireApiActor(request, "incident:read");
  await deleteOverride(actor, id, overrideId);
  return json({ deleted: true });
});
