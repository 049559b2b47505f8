import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { ZActionItemCreate } from "@/lib/postmortems/schema";
import { createActionItem } from "@/lib/postmortems/service";

export const POST = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "incident:write");
  return json(await createActionItem(actor, id, await readJson(request, ZActionItemCreate)), 201);
});
