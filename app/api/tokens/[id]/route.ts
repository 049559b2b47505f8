import { apiRoute, json, requireApiActor } from "@/lib/http/api";
import { revokeApiToken } from "@/lib/users/service";

export const DELETE = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request);
  await revokeApiToken(actor, id);
  return json({ revoked: id });
});
