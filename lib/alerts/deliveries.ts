import { db, type TTransaction } from "@/lib/db/prisma";

export const MAX_ALERT_PAYLOAD_BYTES = 256 * 1024;
// What is kept of a body too large to accept: enough to see what the sender was sending.
const REJECTED_OVERSIZE_SAMPLE = 4 * 1024;

/** A delivery that was refused: only this log row is written, so a person can see why. */
export async function recordRejectedDelivery(integrationId: string, httpStatus: number, reason: string, body: string, now: Date) {
  const kept = Buffer.byteLength(body) > MAX_ALERT_PAYLOAD_BYTES ? `${body.slice(0, REJECTED_OVERSIZE_SAMPLE)}\n…(truncated)` : body;
  await db().alertDelivery.create({ data: { integrationId, receivedAt: now, accepted: false, httpStatus, reason, body: kept } });
}

export function insertAcceptedDelivery(
  tx: TTransaction,
  delivery: { integrationId: string; body: string; externalId?: string; alertCount: number; notes: string[]; httpStatus: number; now: Date },
) {
  return tx.alertDelivery.create({
    data: {
      integrationId: delivery.integrationId,
      receivedAt: delivery.now,
      accepted: true,
      httpStatus: delivery.httpStatus,
      reason: delivery.notes.join("; "),
      externalId: delivery.externalId,
      body: delivery.body,
      alertCount: delivery.alertCount,
    },
    select: { id: true },
  });
}

export async function isKnownExternalDelivery(integrationId: string, externalId: string | undefined): Promise<boolean> {
  if (!externalId) return false;
  return (await db().alertDelivery.count({ where: { integrationId, externalId } })) > 0;
}
