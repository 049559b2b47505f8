import { apiRoute, json, parseInput, requireApiActor, searchParams } from "@/lib/http/api";
import { listActionItems } from "@/lib/postmortems/queries";
import { ZActionItemListFilter } from "@/lib/postmortems/schema";

/** Action items across all postmortems: `?status=&priority=&ownerId=&overdue=true`. */
export const GET = apiRoute(async (request) => {
  await requireApiActor(request, "incident:read");
  return json({ actionItems: await listActionItems(parseInput(ZActionItemListFilter, searchParams(request))) });
});
