import { apiRoute, json, requireApiActor } from "@/lib/http/api";
import { removeLayer } from "@/lib/oncall/service";

export const DELETE = apiRoute<{ id: string; layerId: string }>(async (request, { id, layerId }) => {
  const actor = await requireApiActor(request, "oncall:manage");
  await removeLayer(actor, id, layerId);
  return json({ deleted: true });
});
