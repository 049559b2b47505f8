import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { apiRoute, json, requireApiActor } from "@/lib/http/api";

export const POST = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "incident:write");
  return json(await acknowledgeAlert(actor, id));
});
