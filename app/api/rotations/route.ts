import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { ZRotationCreate } from "@/lib/oncall/schema";
import { createRotation } from "@/lib/oncall/service";

export const POST = apiRoute(async (request) => {
  const actor = await requireApiActor(request, "oncall:manage");
  return json(await createRotation(actor, await readJson(request, ZRotationCreate)), 201);
});
