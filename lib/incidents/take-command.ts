import { assertCan, type TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { conflict } from "@/lib/errors";
import { statusLabel } from "@/lib/i18n/message";
import { appendTimelineEntry } from "@/lib/timeline/service";
import { acknowledgeIncidentIn, takeUpRoleIn } from "./acknowledge";
import { lockIncident } from "./incident-lock";
import { lifecycleTimesAfter } from "./rules";
import { assignRoleIn, requireRoleHolder } from "./service";

/**
 * "I'm on it": what a paged engineer does first, as one change. The incident is acknowledged (which
 * stops the escalation and takes up the roles waiting for this person), the person becomes incident
 * commander (accepting the handoff waiting for them, or taking command from whoever holds it, which
 * the timeline records as a handoff), and a Declared incident moves to Investigating. Every step has
 * its timeline entry, in one transaction; steps already done are skipped, so pressing it twice
 * changes nothing more.
 */
export async function takeCommand(actor: TActor, incidentId: string, now = new Date()) {
  assertCan(actor, "incident:write");
  return db().$transaction(async (tx) => {
    const incident = await lockIncident(tx, incidentId);
    if (incident.status === "closed" || incident.status === "resolved") throw conflict("errors.incident.isStatus", { status: statusLabel(incident.status) });
    const holder = await requireRoleHolder(tx, actor.id);
    if (!incident.acknowledgedAt) await acknowledgeIncidentIn(tx, incidentId, actor.id, now, "room");

    const commander = await tx.incidentRoleAssignment.findFirst({ where: { incidentId, role: "commander", releasedAt: null } });
    if (commander?.userId === actor.id) {
      if (!commander.acknowledgedAt) await takeUpRoleIn(tx, commander, now);
    } else {
      await assignRoleIn(tx, { incidentId, role: "commander", holder, actorId: actor.id }, now);
    }

    if (incident.status === "declared") {
      await tx.incident.update({ where: { id: incidentId }, data: { status: "investigating", ...lifecycleTimesAfter(incident, "investigating", now) } });
      await appendTimelineEntry(tx, {
        incidentId,
        actorId: actor.id,
        occurredAt: now,
        kind: "status_changed",
        detail: { from: "declared", to: "investigating" },
      });
    }
    return tx.incident.findUniqueOrThrow({ where: { id: incidentId } });
  });
}
