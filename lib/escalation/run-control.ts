import type { TTransaction } from "@/lib/db/prisma";
import { conflict } from "@/lib/errors";
import { labelled } from "@/lib/i18n/message";
import { appendTimelineEntry } from "@/lib/timeline/service";
import { escalatedNow } from "./rules";

// Changes people make to a running escalation, inside the transaction of what they did.

/**
 * An acknowledgement stops the incident's escalation: nobody else is notified, and the room says who
 * stopped it. Call it in the acknowledging transaction (the worker also stops a run whose incident
 * it finds acknowledged, so an acknowledgement that does not call it is late by one tick at most).
 */
export async function stopEscalationOnAcknowledgement(tx: TTransaction, incidentId: string, actorId: string, now: Date) {
  await tx.escalationRun.updateMany({
    where: { incidentId, status: "active" },
    data: { status: "acknowledged", nextDueAt: null, stoppedAt: now, stoppedById: actorId },
  });
}

/** Notifies the next step at once; on the timeline in the person's name. */
export async function escalateNowIn(tx: TTransaction, incidentId: string, actorId: string, now: Date) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "EscalationRun" WHERE "incidentId" = ${incidentId} FOR UPDATE`;
  const run = locked[0] ? await tx.escalationRun.findUniqueOrThrow({ where: { id: locked[0].id }, include: { policy: { include: { steps: true } } } }) : null;
  if (!run) throw conflict("errors.escalation.noPolicy");
  if (run.status !== "active") throw conflict("errors.escalation.stopped", { status: labelled(run.status, `errors.escalation.runStatus.${run.status}`) });
  const timing = { stepDelaysMinutes: (run.policy?.steps ?? []).map((step) => step.delayMinutes), repeatCount: run.policy?.repeatCount ?? 0 };
  const dueAt = escalatedNow(run, timing, now);
  if (!dueAt) throw conflict("errors.escalation.allNotified");
  await tx.escalationRun.update({ where: { id: run.id }, data: { nextDueAt: dueAt } });
  await appendTimelineEntry(tx, { incidentId, kind: "escalation_escalated", actorId, occurredAt: now });
}
