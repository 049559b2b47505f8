import { apiRoute, json, parseInput, requireApiActor, searchParams } from "@/lib/http/api";
import { listPostmortems } from "@/lib/postmortems/queries";
import { ZPostmortemListFilter } from "@/lib/postmortems/schema";

/** Postmortems, newest first; `?q=` searches titles, services and text; `?status=published`. */
export const GET = apiRoute(async (request) => {
  await requireApiActor(request, "incident:read");
  const filter = parseInput(ZPostmortemListFilter, searchParams(request));
  return json({ postmortems: await listPostmortems({ query: filter.q, status: filter.status, limit: filter.limit }) });
});
