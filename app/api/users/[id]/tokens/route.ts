import { apiRoute, json, notFoundResponse, requireApiActor } from "@/lib/http/api";
import { listApiTokensOfUser } from "@/lib/users/queries";

/** An admin's view of someone's tokens, to revoke one with DELETE /api/tokens/{id}. */
export const GET = apiRoute<{ id: string }>(async (request, { id }) => {
  await requireApiActor(request, "user:manage");
  const tokens = await listApiTokensOfUser(id);
  return tokens ? json({ tokens }) : notFoundResponse("User");
});
