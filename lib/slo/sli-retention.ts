import { db } from "@/lib/db/prisma";
import { sliHoursKept, sliMinutesHorizon } from "./sli-horizon";
import { deleteSliMinutes } from "./sli-store";

/**
 * Deletes minute buckets older than each SLO's horizon (sliMinutesHorizon), keeping the hours old
 * incidents still read (sliHoursKept), `batch` rows per transaction until done or `hasTime` says
 * stop. Returns how many were deleted.
 */
export async function pruneSliMinutes(now: Date, windows: number, batch: number, hasTime: () => boolean): Promise<number> {
  const slos = await db().slo.findMany({ select: { id: true, serviceId: true, window: true, timeZone: true }, orderBy: { id: "asc" } });
  let deleted = 0;
  for (const slo of slos) {
    if (!hasTime()) break;
    const horizon = sliMinutesHorizon(slo.window, slo.timeZone, now, windows);
    const [oldest] = await db().$queryRaw<{ minute: Date | null }[]>`SELECT min("minute") AS "minute" FROM "SliBucket" WHERE "sloId" = ${slo.id}`;
    if (!oldest?.minute || oldest.minute >= horizon) continue;
    const incidents = await db().incident.findMany({
      where: { startedAt: { lt: horizon }, OR: [{ services: { some: { serviceId: slo.serviceId } } }, { sloImpacts: { some: { sloId: slo.id } } }] },
      select: { startedAt: true, mitigatedAt: true, resolvedAt: true },
    });
    const keptHours = sliHoursKept(slo, incidents, oldest.minute, horizon);
    for (;;) {
      const count = await db().$transaction((tx) => deleteSliMinutes(tx, slo.id, horizon, keptHours, batch));
      deleted += count;
      if (count < batch || !hasTime()) break;
    }
  }
  return deleted;
}
