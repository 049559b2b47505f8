import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { requireIncidentId } from "@/lib/incidents/queries";
import { ZPostmortemCreate } from "@/lib/postmortems/schema";
import { createPostmortem } from "@/lib/postmortems/service";

/** Creates the resolved incident's postmortem from the template: `{language: "en" | "ja"}`. */
export const POST = apiRoute<{ ref: string }>(async (request, { ref }) => {
  const actor = await requireApiActor(request, "incident:write");
  const incidentId = await requireIncidentId(ref);
  const { language } = await readJson(request, ZPostmortemCreate);
  const { ydoc: _state, ...postmortem } = await createPostmortem(actor, incidentId, language);
  return json(postmortem, 201);
});
