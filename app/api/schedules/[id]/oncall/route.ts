import { apiRoute, json, notFoundResponse, parseInput, requireApiActor, searchParams } from "@/lib/http/api";
import { whoIsOnCall } from "@/lib/oncall/queries";
import { ZAtQuery } from "@/lib/oncall/schema";

/** Who is on call on the schedule now, or `?at=` another instant. */
export const GET = apiRoute<{ id: string }>(async (request, { id }) => {
  await requireApiActor(request, "incident:read");
  const { at = new Date() } = parseInput(ZAtQuery, searchParams(request));
  const people = await whoIsOnCall(id, at);
  return people ? json({ at, onCall: people }) : notFoundResponse("Schedule");
});
