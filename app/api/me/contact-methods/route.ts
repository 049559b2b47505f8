import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { addContactMethod } from "@/lib/notifications/contact-methods";
import { listContactMethods } from "@/lib/notifications/queries";
import { ZContactMethodCreate } from "@/lib/notifications/schema";

export const GET = apiRoute(async (request) => {
  const actor = await requireApiActor(request);
  return json({ contactMethods: await listContactMethods(actor.id) });
});

export const POST = apiRoute(async (request) => {
  const actor = await requireApiActor(request);
  return json(await addContactMethod(actor, await readJson(request, ZContactMethodCreate)), 201);
});
