import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/prisma";

// A stream refreshes its presence on every heartbeat (15 s); rows older than this are from
// streams that died without closing (a crashed process) and no longer count.
export const PRESENCE_TTL_MS = 45_000;

// Streams end every few minutes and the browser reconnects about 2 s later (lib/timeline/stream.ts);
// the ending stream's row stays this long, so that the viewer does not drop out of the room between
// the two streams. A browser that does not come back is gone after it.
export const PRESENCE_HANDOVER_MS = 10_000;

/** The writer of presence rows: one per open incident stream. */
export async function enterIncidentRoom(incidentId: string, userId: string, now = new Date(), handoverMs = PRESENCE_HANDOVER_MS) {
  const id = randomUUID();
  await db().incidentPresence.create({ data: { id, incidentId, userId, seenAt: now } });
  const leave = async () => void (await db().incidentPresence.deleteMany({ where: { id } }));
  return {
    heartbeat: async () => void (await db().incidentPresence.updateMany({ where: { id }, data: { seenAt: new Date() } })),
    leave,
    handOver: () => void setTimeout(() => void leave().catch(() => {}), handoverMs).unref(),
  };
}

/** The people with the room open now, each once, by name. */
export async function peopleInIncidentRoom(incidentId: string, now = new Date()) {
  const rows = await db().incidentPresence.findMany({
    where: { incidentId, seenAt: { gte: new Date(now.getTime() - PRESENCE_TTL_MS) } },
    distinct: ["userId"],
    select: { user: { select: { id: true, name: true } } },
  });
  return rows.map((row) => row.user).sort((a, b) => a.name.localeCompare(b.name));
}
