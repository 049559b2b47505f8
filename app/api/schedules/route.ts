import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { ZScheduleCreate } from "@/lib/oncall/schema";
import { createSchedule } from "@/lib/oncall/service";

export const POST = apiRoute(async (request) => {
  const actor = await requireApiActor(request, "oncall:manage");
  return json(await createSchedule(actor, await readJson(request, ZScheduleCreate)), 201);
});
