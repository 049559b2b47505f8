import { z } from "zod";
import { apiRoute, json, parseInput, readJson, requireApiActor, searchParams } from "@/lib/http/api";
import { presentSlo } from "@/lib/slo/present";
import { listSlos } from "@/lib/slo/queries";
import { ZSloCreate } from "@/lib/slo/schema";
import { createSlo } from "@/lib/slo/service";

const ZSloListQuery = z.strictObject({ serviceId: z.string().min(1).optional() });

export const GET = apiRoute(async (request) => {
  await requireApiActor(request, "incident:read");
  return json({ slos: (await listSlos(parseInput(ZSloListQuery, searchParams(request)).serviceId)).map(presentSlo) });
});

export const POST = apiRoute(async (request) => {
  const actor = await requireApiActor(request, "incident:write");
  return json(presentSlo(await createSlo(actor, await readJson(request, ZSloCreate))), 201);
});
