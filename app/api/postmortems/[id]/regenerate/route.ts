import { apiRoute, json, requireApiActor } from "@/lib/http/api";
import { regeneratePostmortem } from "@/lib/postmortems/service";

/** Refills the data-driven sections from the incident; what people wrote stays. */
export const POST = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "incident:write");
  return json(await regeneratePostmortem(actor, id));
});
