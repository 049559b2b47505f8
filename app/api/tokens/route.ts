import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { listApiTokens } from "@/lib/users/queries";
import { ZApiTokenCreate } from "@/lib/users/schema";
import { createApiToken } from "@/lib/users/service";

export const GET = apiRoute(async (request) => {
  const actor = await requireApiActor(request);
  return json({ tokens: await listApiTokens(actor.id) });
});

/** The response carries the token itself; it is never shown again. */
export const POST = apiRoute(async (request) => {
  const actor = await requireApiActor(request);
  const { name } = await readJson(request, ZApiTokenCreate);
  return json(await createApiToken(actor, name), 201);
});
