import { apiRoute, json, notFoundResponse, parseInput, requireApiActor, searchParams } from "@/lib/http/api";
import { scheduleShifts } from "@/lib/oncall/queries";
import { ZShiftRange } from "@/lib/oncall/schema";

/** The schedule's pieces overlapping [from, to), each whole, gaps included with nobody. */
export const GET = apiRoute<{ id: string }>(async (request, { id }) => {
  await requireApiActor(request, "incident:read");
  const { from, to } = parseInput(ZShiftRange, searchParams(request));
  const shifts = await scheduleShifts(id, from, to);
  return shifts ? json({ shifts }) : notFoundResponse("Schedule");
});
