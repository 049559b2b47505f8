import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { ZPostmortemStatusChange } from "@/lib/postmortems/schema";
import { changePostmortemStatus } from "@/lib/postmortems/service";

/** `{to, checklist?, comment?}`: submit for review, approve (reviewer not an author, five goals), send back, publish. */
export const POST = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "incident:write");
  const change = await readJson(request, ZPostmortemStatusChange);
  return json(await changePostmortemStatus(actor, id, change.to, change));
});
