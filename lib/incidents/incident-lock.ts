import type { TTransaction } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";

/**
 * Locks the incident row for the rest of the transaction, so that concurrent changes to one
 * incident (by people or by alerts) apply one after another; returns the row as it is under the lock.
 */
export async function lockIncident(tx: TTransaction, incidentId: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Incident" WHERE id = ${incidentId} FOR UPDATE`;
  if (locked.length === 0) throw notFound("incident");
  return tx.incident.findUniqueOrThrow({ where: { id: incidentId } });
}
