import { apiRoute, json, readJson, requireApiActor, requireSessionActor } from "@/lib/http/api";
import { listApiTokens } from "@/lib/users/queries";
import { ZApiTokenCreate } from "@/lib/users/schema";
import { createApiToken } from "@/lib/users/service";

export const GET = apiRoute(async (request) => {
  const actor = await requireApiActor(request);
  return json({ tokens: await listApiTokens(actor.id) });
});

/** The response carries the token itself; it is never shown again. */
export const POST = apiRoute(async (request) => {
  const actor = await requireSessionActor(
    request,
    "API tokens are created from a signed-in browser session (/settings/tokens or this endpoint with the session cookie), not with another API token",
  );
  const { name, expiresInDays } = await readJson(request, ZApiTokenCreate);
  return json(await createApiToken(actor, name, expiresInDays), 201);
});
