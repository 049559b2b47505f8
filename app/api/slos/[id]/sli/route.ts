import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { ZSliBatch } from "@/lib/slo/schema";
import { pushSliBuckets } from "@/lib/slo/service";

/** Pushes good/total counts per minute; re-sending a minute replaces it. */
export const POST = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "incident:write");
  return json(await pushSliBuckets(actor, id, await readJson(request, ZSliBatch)));
});
