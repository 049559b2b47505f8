import { assertCan, type TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { acknowledgeIncident } from "@/lib/incidents/service";

/** Acknowledging an alert acknowledges its incident (and so every alert of it); a loose alert is acknowledged alone. */
export async function acknowledgeAlert(actor: TActor, alertId: string, now = new Date()) {
  assertCan(actor, "incident:write");
  const alert = await db().alert.findUnique({ where: { id: alertId }, select: { id: true, incidentId: true, acknowledgedAt: true } });
  if (!alert) throw notFound("alert");
  if (alert.incidentId) await acknowledgeIncident(actor, alert.incidentId, now);
  else if (!alert.acknowledgedAt) await db().alert.update({ where: { id: alertId }, data: { acknowledgedAt: now, acknowledgedById: actor.id } });
  return db().alert.findUniqueOrThrow({ where: { id: alertId }, select: { id: true, acknowledgedAt: true, incidentId: true } });
}
