import { listServices } from "@/lib/catalog/queries";
import { ZServiceCreate } from "@/lib/catalog/schema";
import { createService } from "@/lib/catalog/service";
import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";

export const GET = apiRoute(async (request) => {
  await requireApiActor(request, "incident:read");
  return json({ services: await listServices() });
});

export const POST = apiRoute(async (request) => {
  const actor = await requireApiActor(request, "service:manage");
  return json(await createService(actor, await readJson(request, ZServiceCreate)), 201);
});
