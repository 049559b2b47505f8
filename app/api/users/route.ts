import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { listUsers } from "@/lib/users/queries";
import { ZUserCreate } from "@/lib/users/schema";
import { createUser } from "@/lib/users/service";

export const GET = apiRoute(async (request) => {
  await requireApiActor(request, "user:manage");
  return json({ users: await listUsers() });
});

export const POST = apiRoute(async (request) => {
  const actor = await requireApiActor(request, "user:manage");
  return json(await createUser(actor, await readJson(request, ZUserCreate)), 201);
});
