import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { ZUserUpdate } from "@/lib/users/schema";
import { updateUser } from "@/lib/users/service";

export const PATCH = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "user:manage");
  return json(await updateUser(actor, id, await readJson(request, ZUserUpdate)));
});
