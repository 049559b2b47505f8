import type { TTransaction } from "@/lib/db/prisma";
import { conflict, unprocessable } from "@/lib/errors";
import { statusLabel } from "@/lib/i18n/message";
import { appendTimelineEntry } from "@/lib/timeline/service";
import { lockIncident } from "./incident-lock";
import { canTransition, lifecycleTimesAfter } from "./rules";
import type { TIncidentResolve } from "./schema";
import { refuseStaleIncidentChange } from "./stale";

/**
 * Resolves an incident inside the caller's transaction: the status change's timeline entry carries
 * the resolution summary as its body, so the timeline (and the postmortem drawn from it) says how
 * the incident ended. Refused when the status is no longer the one the person saw.
 */
export async function resolveIncidentIn(tx: TTransaction, actorId: string, incidentId: string, input: TIncidentResolve, now: Date) {
  const incident = await lockIncident(tx, incidentId);
  if (incident.status === "closed") throw conflict("errors.incident.closed");
  refuseStaleIncidentChange(incident, { status: input.expectedStatus });
  if (!canTransition(incident.status, "resolved"))
    throw unprocessable("errors.incident.cannotMove", { from: statusLabel(incident.status), to: statusLabel("resolved") });
  await tx.incident.update({ where: { id: incidentId }, data: { status: "resolved", ...lifecycleTimesAfter(incident, "resolved", now) } });
  await appendTimelineEntry(tx, {
    incidentId,
    actorId,
    occurredAt: now,
    kind: "status_changed",
    body: input.summary,
    detail: { from: incident.status, to: "resolved" },
  });
  return tx.incident.findUniqueOrThrow({ where: { id: incidentId } });
}
