import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { notFound, unprocessable } from "@/lib/errors";
import { publicUrl } from "@/lib/http/public-url";
import type { THeartbeatCreate } from "./schema";
import { generateHeartbeatToken, hashHeartbeatToken, deadlineAfterCall, looksLikeHeartbeatToken } from "./rules";

// Heartbeats alert through a generic-format integration, whose routing decides service, severity and commander.
async function requireGenericIntegration(integrationId: string) {
  const integration = await db().integration.findFirst({ where: { id: integrationId, deletedAt: null }, select: { source: true } });
  if (!integration || integration.source !== "generic") throw unprocessable("errors.heartbeat.genericOnly");
}

/** The ping URL for a heartbeat's secret (shown once, when made or rotated). */
export const heartbeatPingUrl = (token: string) => publicUrl(`/api/heartbeat/${token}`);

/** A new heartbeat and its ping URL's secret, which is returned this once. */
export async function createHeartbeat(actor: TActor, input: THeartbeatCreate) {
  assertCan(actor, "integration:manage");
  await requireGenericIntegration(input.integrationId);
  const { token, tokenHash, tokenPrefix } = generateHeartbeatToken();
  const heartbeat = await db().heartbeat.create({ data: { ...input, tokenHash, tokenPrefix, createdById: actor.id }, select: { id: true } });
  return { id: heartbeat.id, token };
}

/** A new secret takes effect at once; the old URL stops working with the same write. */
export async function rotateHeartbeatToken(actor: TActor, heartbeatId: string) {
  assertCan(actor, "integration:manage");
  const { token, tokenHash, tokenPrefix } = generateHeartbeatToken();
  const { count } = await db().heartbeat.updateMany({ where: { id: heartbeatId }, data: { tokenHash, tokenPrefix } });
  if (count === 0) throw notFound("heartbeat");
  return { token };
}

/** Deleting a late heartbeat leaves its alert as it is: resolve it on the incident like any other. */
export async function deleteHeartbeat(actor: TActor, heartbeatId: string) {
  assertCan(actor, "integration:manage");
  const { count } = await db().heartbeat.deleteMany({ where: { id: heartbeatId } });
  if (count === 0) throw notFound("heartbeat");
}

/**
 * Records a call to a ping URL: one UPDATE, so a job calling every minute costs almost nothing. The
 * alert, when the heartbeat had gone quiet, resolves on the job's next run. Null for an unknown URL.
 */
export async function recordHeartbeatPing(token: string, now: Date): Promise<{ name: string; nextDeadline: Date } | null> {
  if (!looksLikeHeartbeatToken(token)) return null;
  const rows = await db().$queryRaw<{ name: string; intervalMinutes: number; graceMinutes: number }[]>`
    UPDATE "Heartbeat" SET "lastPingAt" = ${now} WHERE "tokenHash" = ${hashHeartbeatToken(token)}
    RETURNING "name", "intervalMinutes", "graceMinutes"`;
  const heartbeat = rows[0];
  if (!heartbeat) return null;
  return { name: heartbeat.name, nextDeadline: deadlineAfterCall(heartbeat, now) };
}
