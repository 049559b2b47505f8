import { apiRoute, json, notFoundResponse, requireApiActor } from "@/lib/http/api";
import { getPostmortem } from "@/lib/postmortems/queries";

export const GET = apiRoute<{ id: string }>(async (request, { id }) => {
  await requireApiActor(request, "incident:read");
  const postmortem = await getPostmortem(id);
  return postmortem ? json(postmortem) : notFoundResponse("Postmortem");
});
