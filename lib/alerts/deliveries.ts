import { db, type TTransaction } from "@/lib/db/prisma";
import { poolSql } from "@/lib/db/sql";
import { MAX_JSON_BYTES } from "@/lib/http/body-limits";
import { redactCredentials } from "./redact";

// The server stops reading every API body at this size (lib/http/body-guard.ts).
export const MAX_ALERT_PAYLOAD_BYTES = MAX_JSON_BYTES;
// What is kept of a body too large to accept: enough to see what the sender was sending.
const REJECTED_OVERSIZE_SAMPLE = 4 * 1024;

/**
 * A delivery that was refused: only this log row is written, so a person can see why (credentials
 * redacted, like every stored payload). A raw NUL
 * byte (never valid JSON) is kept as U+FFFD: PostgreSQL cannot store NUL in text.
 */
export async function recordRejectedDelivery(integrationId: string, httpStatus: number, reason: string, body: string, now: Date) {
  const sample = Buffer.byteLength(body) > MAX_ALERT_PAYLOAD_BYTES ? `${body.slice(0, REJECTED_OVERSIZE_SAMPLE)}\n…(truncated)` : body;
  const kept = redactCredentials(sample.replaceAll("\0", "\uFFFD"));
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
      body: redactCredentials(delivery.body),
      alertCount: delivery.alertCount,
    },
    select: { id: true },
  });
}

export async function isKnownExternalDelivery(integrationId: string, externalId: string | undefined): Promise<boolean> {
  if (!externalId) return false;
  const known = await poolSql()`SELECT 1 FROM "AlertDelivery" WHERE "integrationId" = ${integrationId} AND "externalId" = ${externalId} LIMIT 1`;
  return known.length > 0;
}
