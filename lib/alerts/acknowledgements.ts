import type { TTransaction } from "@/lib/db/prisma";

/** Marks an incident's unacknowledged alerts as acknowledged by the person who acknowledged it. */
export function acknowledgeAlertsOfIncident(tx: TTransaction, incidentId: string, actorId: string, now: Date) {
  return tx.alert.updateMany({ where: { incidentId, acknowledgedAt: null }, data: { acknowledgedAt: now, acknowledgedById: actorId } });
}
