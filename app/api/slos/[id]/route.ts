import { apiRoute, json, notFoundResponse, readJson, requireApiActor } from "@/lib/http/api";
import { presentSlo, presentSloOf } from "@/lib/slo/present";
import { sloStatus } from "@/lib/slo/queries";
import { ZSloUpdate } from "@/lib/slo/schema";
import { deleteSlo, updateSlo } from "@/lib/slo/service";

/** The SLO with its budget, burn rates, alert state, policy verdict and projected exhaustion now. */
export const GET = apiRoute<{ id: string }>(async (request, { id }) => {
  await requireApiActor(request, "incident:read");
  const status = await sloStatus(id);
  return status ? json(presentSloOf(status)) : notFoundResponse("SLO");
});

export const PATCH = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "incident:write");
  return json(presentSlo(await updateSlo(actor, id, await readJson(request, ZSloUpdate))));
});

/** Deletes the SLO with its SLI data. */
export const DELETE = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "incident:write");
  await deleteSlo(actor, id);
  return json({ deleted: true });
});
