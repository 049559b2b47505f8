import { apiRoute, json, notFoundResponse, requireApiActor } from "@/lib/http/api";
import { getSchedule } from "@/lib/oncall/queries";
import { deleteSchedule } from "@/lib/oncall/service";

/** The schedule with its team and layers, highest first. */
export const GET = apiRoute<{ id: string }>(async (request, { id }) => {
  await requireApiActor(request, "incident:read");
  const schedule = await getSchedule(id);
  return schedule ? json(schedule) : notFoundResponse("Schedule");
});

export const DELETE = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "oncall:manage");
  await deleteSchedule(actor, id);
  return json({ deleted: true });
});
