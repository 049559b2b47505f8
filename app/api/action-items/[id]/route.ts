import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { ZActionItemUpdate } from "@/lib/postmortems/schema";
import { updateActionItem } from "@/lib/postmortems/service";

export const PATCH = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "incident:write");
  return json(await updateActionItem(actor, id, await readJson(request, ZActionItemUpdate)));
});
