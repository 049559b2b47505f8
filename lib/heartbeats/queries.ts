import "server-only";
import { db } from "@/lib/db/prisma";
import { heartbeatDeadline, heartbeatState } from "./rules";

/** Every heartbeat with its state now, for the heartbeats page. */
export async function listHeartbeats(now: Date) {
  const heartbeats = await db().heartbeat.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      intervalMinutes: true,
      graceMinutes: true,
      severity: true,
      tokenPrefix: true,
      lastPingAt: true,
      alertFiring: true,
      integration: { select: { id: true, name: true, deletedAt: true } },
    },
  });
  return heartbeats.map((heartbeat) => ({ ...heartbeat, state: heartbeatState(heartbeat, now), deadline: heartbeatDeadline(heartbeat) }));
}

/** The integrations a heartbeat can alert through. */
export function listGenericIntegrations() {
  return db().integration.findMany({ where: { source: "generic", deletedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
