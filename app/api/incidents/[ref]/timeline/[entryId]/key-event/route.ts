import { z } from "zod";
import { apiRoute, json, parseInput, readJson, requireApiActor } from "@/lib/http/api";
import { requireIncidentId } from "@/lib/incidents/queries";
import { ZTimelineEntryId } from "@/lib/incidents/schema";
import { markKeyEvent } from "@/lib/incidents/service";

const ZKeyEvent = z.object({ keyEvent: z.boolean() }).strict();

export const POST = apiRoute<{ ref: string; entryId: string }>(async (request, params) => {
  const actor = await requireApiActor(request, "incident:write");
  const entryId = parseInput(ZTimelineEntryId, params.entryId);
  const { keyEvent } = await readJson(request, ZKeyEvent);
  const incidentId = await requireIncidentId(params.ref);
  return json(await markKeyEvent(actor, incidentId, entryId, keyEvent));
});
