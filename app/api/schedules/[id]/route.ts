import { apiRoute, json, notFoundResponse, readJson, requireApiActor } from "@/lib/http/api";
import { getSchedule } from "@/lib/oncall/queries";
import { ZScheduleUpdate } from "@/lib/oncall/schema";
import { deleteSchedule, updateSchedule } from "@/lib/oncall/service";

/** The schedule with its team and layers, highest first. */
export const GET = apiRoute<{ id: string }>(async (request, { id }) => {
  await requireApiActor(request, "incident:read");
  const schedule = await getSchedule(id);
  return schedule ? json(schedule) : notFoundResponse("Schedule");
});

/** Changes the schedule's settings: `reminderMinutes` before a shift the incoming person is reminded (0: never). */
export const PATCH = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "oncall:manage");
  return json(await updateSchedule(actor, id, await readJson(request, ZScheduleUpdate)));
});

export const DELETE = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "oncall:manage");
  await deleteSchedule(actor, id);
  return json({ deleted: true });
});
