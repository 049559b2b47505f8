import { deleteHeartbeat } from "@/lib/heartbeats/service";
import { apiRoute, requireApiActor } from "@/lib/http/api";

export const DELETE = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "integration:manage");
  await deleteHeartbeat(actor, id);
  return new Response(null, { status: 204 });
});
