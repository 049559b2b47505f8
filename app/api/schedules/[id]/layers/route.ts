import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { ZLayerCreate } from "@/lib/oncall/schema";
import { addLayer } from "@/lib/oncall/service";

/** Adds a layer on top: it wins over the others where its restrictions apply. */
export const POST = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "oncall:manage");
  return json(await addLayer(actor, id, await readJson(request, ZLayerCreate)), 201);
});
