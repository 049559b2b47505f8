import { z } from "zod";
import { apiRoute, json, notFoundResponse, parseInput, readJson, requireApiActor } from "@/lib/http/api";
import { findIncidentId } from "@/lib/incidents/queries";
import { ZNoteBody } from "@/lib/incidents/schema";
import { editIncidentNote } from "@/lib/incidents/service";

const ZEntryId = z.string().regex(/^\d{1,18}$/, "must be a timeline entry id").transform(BigInt);

export const PATCH = apiRoute<{ ref: string; entryId: string }>(async (request, params) => {
  const actor = await requireApiActor(request, "incident:write");
  const entryId = parseInput(ZEntryId, params.entryId);
  const { body } = await readJson(request, ZNoteBody);
  const incidentId = await findIncidentId(params.ref);
  if (!incidentId) return notFoundResponse("Incident");
  return json(await editIncidentNote(actor, incidentId, entryId, body));
});
