import { listHeartbeats } from "@/lib/heartbeats/queries";
import { ZHeartbeatCreate } from "@/lib/heartbeats/schema";
import { createHeartbeat, heartbeatPingUrl } from "@/lib/heartbeats/service";
import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";

export const GET = apiRoute(async (request) => {
  await requireApiActor(request, "integration:manage");
  const heartbeats = await listHeartbeats(new Date());
  return json({ heartbeats: heartbeats.map(({ integration, ...heartbeat }) => ({ ...heartbeat, integrationId: integration.id, integrationName: integration.name })) });
});

/** The response carries the ping URL with its secret; it is never shown again (rotate to get a new one). */
export const POST = apiRoute(async (request) => {
  const actor = await requireApiActor(request, "integration:manage");
  const created = await createHeartbeat(actor, await readJson(request, ZHeartbeatCreate));
  return json({ id: created.id, pingUrl: heartbeatPingUrl(created.token) }, 201);
});
