import { apiRoute, json, requireApiActor } from "@/lib/http/api";
import { removePostmortemAuthor } from "@/lib/postmortems/service";

/** Removes an author while the postmortem is a draft (it keeps at least one), so that someone who did not write it may approve it. */
export const DELETE = apiRoute<{ id: string; userId: string }>(async (request, { id, userId }) => {
  const actor = await requireApiActor(request, "incident:write");
  await removePostmortemAuthor(actor, id, userId);
  return json({ removed: true });
});
