import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { ZPostmortemComment } from "@/lib/postmortems/schema";
import { addPostmortemComment } from "@/lib/postmortems/service";

export const POST = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "incident:write");
  return json(await addPostmortemComment(actor, id, await readJson(request, ZPostmortemComment)), 201);
});
