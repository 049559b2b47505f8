import { apiRoute, json, parseInput, readJson, requireApiActor, searchParams } from "@/lib/http/api";
import { listOverrides } from "@/lib/oncall/queries";
import { ZOverrideCreate, ZShiftRange } from "@/lib/oncall/schema";
import { createOverride } from "@/lib/oncall/service";

export const GET = apiRoute<{ id: string }>(async (request, { id }) => {
  await requireApiActor(request, "incident:read");
  const { from, to } = parseInput(ZShiftRange, searchParams(request));
  return json({ overrides: await listOverrides(id, from, to) });
});

/** Admins: any override; responders: one they are part of (cover for me, I'll cover). */
export const POST = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "incident:read");
  return json(await createOverride(actor, id, await readJson(request, ZOverrideCreate)), 201);
});
