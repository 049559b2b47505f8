import { assertCan, type TActor } from "@/lib/auth/permissions";
import { db, type TTransaction } from "@/lib/db/prisma";
import { prismaSql } from "@/lib/db/sql";
import { conflict, forbidden, notFound, unprocessable } from "@/lib/errors";
import type { IncidentRole } from "@/lib/generated/prisma/enums";
import { roleLabel, statusLabel } from "@/lib/i18n/message";
import { recordIncidentsOpened } from "@/lib/metrics/record";
import { appendTimelineEntry, markTimelineEntryAsKeyEvent, reviseTimelineNote } from "@/lib/timeline/service";
import { findAffectedServices } from "./affected-services";
import { acknowledgeIncidentIn, takeUpRoleIn } from "./acknowledge";
import { lockIncident } from "./incident-lock";
import { openIncident } from "./open-incident";
import { canRelease, canTransition, closingProblem, lifecycleTimesAfter, roleChangeKind } from "./rules";
import type { TIncidentDeclare, TIncidentUpdate, TRoleAssign } from "./schema";
import { refuseStaleIncidentChange, refuseStaleRoleChange } from "./stale";

export async function requireRoleHolder(tx: TTransaction, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user || user.disabledAt) throw unprocessable("errors.incident.userUnavailable");
  if (user.role === "viewer") throw unprocessable("errors.incident.viewerCannotHoldRole", { name: user.name });
  return user;
}

/** A person declares an incident and is its commander until they hand it off, acknowledged from the start. */
/**
 * How declaring for services reaches their on-call (lib/escalation provides it; incidents do not
 * import on-call): the policy that applies and the person its first step reaches now, and starting it.
 */
export type TDeclarePaging = {
  policyFor: (tx: TTransaction, serviceIds: string[], at: Date) => Promise<{ policyId: string; onCall: { id: string } | null } | null>;
  start: (tx: TTransaction, run: { incidentId: string; policyId: string }, now: Date) => Promise<unknown>;
};

/**
 * A person declares. For services with an escalation policy (and `pageOnCall`), the person its first
 * step reaches becomes commander and the policy starts, as for an alert; a declarer who is that
 * person, or who asks not to page (`pageOnCall: false`), commands at once. With nobody on call who may command (only team
 * channels, a gap), the declarer commands and the policy still tells whom it names.
 */
export async function declareIncident(actor: TActor, input: TIncidentDeclare, now = new Date(), paging?: TDeclarePaging) {
  assertCan(actor, "incident:write");
  const declared = await db().$transaction(async (tx) => {
    const paged = paging && input.pageOnCall !== false ? await paging.policyFor(tx, input.serviceIds, now) : null;
    const onCall = paged?.onCall && paged.onCall.id !== actor.id ? paged.onCall : null;
    const opened = await openIncident(
      prismaSql(tx),
      {
        source: "person",
        title: input.title,
        severity: input.severity,
        summary: input.summary,
        serviceIds: input.serviceIds,
        startedAt: input.startedAt ?? now,
        detectedAt: input.detectedAt ?? now,
        declaredById: actor.id,
        commander: onCall ? { userId: onCall.id, acknowledged: false } : { userId: actor.id, acknowledged: true },
      },
      now,
    );
    if (paged && paged.onCall?.id !== actor.id) await paging?.start(tx, { incidentId: opened.id, policyId: paged.policyId }, now);
    // The API answers with the whole incident as stored.
    return tx.incident.findUniqueOrThrow({ where: { id: opened.id } });
  });
  recordIncidentsOpened("person");
  return declared;
}

/** Publishing a resolved incident's postmortem ends its last step: the incident closes, on the timeline, in the publishing transaction. */
export async function closeIncidentWithPostmortem(tx: TTransaction, incidentId: string, actorId: string, now: Date) {
  const incident = await lockIncident(tx, incidentId);
  if (incident.status !== "resolved") return;
  await tx.incident.update({ where: { id: incidentId }, data: { status: "closed", ...lifecycleTimesAfter(incident, "closed", now) } });
  await appendTimelineEntry(tx, { incidentId, actorId, occurredAt: now, kind: "status_changed", detail: { from: "resolved", to: "closed" } });
}

/**
 * Applies each changed field with its own timeline entry, all in one transaction. A change based on
 * a status or severity that is no longer current (`expectedStatus`, `expectedSeverity`) is refused whole.
 */
export async function updateIncident(actor: TActor, incidentId: string, update: TIncidentUpdate, now = new Date()) {
  assertCan(actor, "incident:write");
  return db().$transaction(async (tx) => {
    const incident = await lockIncident(tx, incidentId);
    if (incident.status === "closed") throw conflict("errors.incident.closed");
    refuseStaleIncidentChange(incident, { status: update.expectedStatus, severity: update.expectedSeverity });
    const entry = { incidentId, actorId: actor.id, occurredAt: now };

    if (update.status !== undefined && update.status !== incident.status) {
      if (!canTransition(incident.status, update.status)) {
        throw unprocessable("errors.incident.cannotMove", { from: statusLabel(incident.status), to: statusLabel(update.status) });
      }
      if (update.status === "closed") {
        const postmortem = await tx.postmortem.findUnique({ where: { incidentId }, select: { status: true } });
        const problem = closingProblem(update.severity ?? incident.severity, postmortem?.status ?? null);
        if (problem) throw unprocessable(problem.key, problem.vars);
      }
      const times = lifecycleTimesAfter(incident, update.status, now);
      await tx.incident.update({ where: { id: incidentId }, data: { status: update.status, ...times } });
      await appendTimelineEntry(tx, { ...entry, kind: "status_changed", detail: { from: incident.status, to: update.status } });
    }
    if (update.severity !== undefined && update.severity !== incident.severity) {
      await tx.incident.update({ where: { id: incidentId }, data: { severity: update.severity } });
      await appendTimelineEntry(tx, { ...entry, kind: "severity_changed", detail: { from: incident.severity, to: update.severity } });
    }
    if (update.title !== undefined && update.title !== incident.title) {
      await tx.incident.update({ where: { id: incidentId }, data: { title: update.title } });
      await appendTimelineEntry(tx, { ...entry, kind: "title_changed", detail: { from: incident.title, to: update.title } });
    }
    if (update.serviceIds !== undefined) {
      const current = await tx.incidentService.findMany({ where: { incidentId }, select: { service: { select: { id: true, name: true } } } });
      const wanted = await findAffectedServices(tx, update.serviceIds);
      const currentIds = current.map(({ service }) => service.id).sort();
      const wantedIds = wanted.map((service) => service.id).sort();
      if (currentIds.join() !== wantedIds.join()) {
        await tx.incidentService.deleteMany({ where: { incidentId } });
        await tx.incidentService.createMany({ data: wantedIds.map((serviceId) => ({ incidentId, serviceId })) });
        await appendTimelineEntry(tx, {
          ...entry,
          kind: "services_changed",
          detail: { from: current.map(({ service }) => service.name), to: wanted.map((service) => service.name) },
        });
      }
    }
    if (update.summary !== undefined && update.summary !== incident.summary) {
      await tx.incident.update({ where: { id: incidentId }, data: { summary: update.summary } });
      await appendTimelineEntry(tx, { ...entry, kind: "summary_edited", body: update.summary, detail: { previous: incident.summary } });
    }
    return tx.incident.findUniqueOrThrow({ where: { id: incidentId } });
  });
}

/**
 * Gives a role to a user: an assignment when nobody holds it, otherwise a recorded handoff. With
 * `expectedHolderId`, refused when the role changed hands since the person looked.
 */
export async function assignIncidentRole(actor: TActor, incidentId: string, input: TRoleAssign, now = new Date()) {
  assertCan(actor, "incident:write");
  return db().$transaction(async (tx) => {
    const incident = await lockIncident(tx, incidentId);
    if (incident.status === "closed") throw conflict("errors.incident.closed");
    const holder = await requireRoleHolder(tx, input.userId);
    return assignRoleIn(tx, { incidentId, role: input.role, holder, actorId: actor.id, expectedHolderId: input.expectedHolderId }, now);
  });
}

/** Gives `role` to `holder` inside the caller's transaction (the incident row locked), with its timeline entry. */
export async function assignRoleIn(
  tx: TTransaction,
  change: { incidentId: string; role: IncidentRole; holder: { id: string; name: string }; actorId: string; expectedHolderId?: string | null },
  now: Date,
) {
  const { incidentId, role, holder, actorId } = change;
  const current = await tx.incidentRoleAssignment.findFirst({
    where: { incidentId, role, releasedAt: null },
    include: { user: { select: { name: true } } },
  });
  if (roleChangeKind(current?.userId ?? null, holder.id) === "unchanged") return current;
  refuseStaleRoleChange(role, current ? { userId: current.userId, name: current.user.name } : null, change.expectedHolderId);

  if (current) await tx.incidentRoleAssignment.update({ where: { id: current.id }, data: { releasedAt: now } });
  // Taking a role yourself needs no acknowledgement; being handed one does.
  const assignment = await tx.incidentRoleAssignment.create({
    data: { incidentId, role, userId: holder.id, assignedById: actorId, assignedAt: now, acknowledgedAt: holder.id === actorId ? now : null },
  });
  const entry = { incidentId, actorId, occurredAt: now };
  const taken = { role, toUserId: holder.id, toName: holder.name };
  await appendTimelineEntry(
    tx,
    current
      ? { ...entry, kind: "role_handed_off", detail: { ...taken, fromUserId: current.userId, fromName: current.user.name } }
      : { ...entry, kind: "role_assigned", detail: taken },
  );
  return assignment;
}

/** Frees a role; with `expectedHolderId`, refused when someone else holds it than the person saw. */
export async function releaseIncidentRole(actor: TActor, incidentId: string, role: IncidentRole, now = new Date(), expectedHolderId?: string) {
  assertCan(actor, "incident:write");
  if (!canRelease(role)) throw unprocessable("errors.incident.commanderRequired");
  return db().$transaction(async (tx) => {
    await lockIncident(tx, incidentId);
    const current = await tx.incidentRoleAssignment.findFirst({
      where: { incidentId, role, releasedAt: null },
      include: { user: { select: { name: true } } },
    });
    refuseStaleRoleChange(role, current ? { userId: current.userId, name: current.user.name } : null, expectedHolderId);
    if (!current) throw conflict("errors.incident.roleEmpty", { role: roleLabel(role) });
    await tx.incidentRoleAssignment.update({ where: { id: current.id }, data: { releasedAt: now } });
    await appendTimelineEntry(tx, {
      incidentId,
      kind: "role_released",
      actorId: actor.id,
      occurredAt: now,
      detail: { role, fromUserId: current.userId, fromName: current.user.name },
    });
  });
}

export async function addIncidentNote(actor: TActor, incidentId: string, body: string, now = new Date()) {
  assertCan(actor, "incident:write");
  return db().$transaction(async (tx) => {
    await lockIncident(tx, incidentId);
    return appendTimelineEntry(tx, { incidentId, kind: "note", actorId: actor.id, occurredAt: now, body });
  });
}

/** Notes can be corrected by their author (or an admin); the earlier text is kept as a revision. */
export async function editIncidentNote(actor: TActor, incidentId: string, entryId: bigint, body: string, now = new Date()) {
  assertCan(actor, "incident:write");
  return db().$transaction(async (tx) => {
    const entry = await tx.timelineEntry.findFirst({ where: { id: entryId, incidentId } });
    if (!entry) throw notFound("timelineEntry");
    if (entry.kind !== "note") throw unprocessable("errors.timeline.onlyNotesEditable");
    if (entry.actorId !== actor.id && actor.role !== "admin") throw forbidden("errors.timeline.notYourNote");
    if (entry.body === body) return entry;
    return reviseTimelineNote(tx, entryId, entry.body, body, actor.id, now);
  });
}

/** The first acknowledgement is recorded (time to acknowledge runs from detection); later ones change nothing. */
/** A person acknowledges in the room, or a tool of theirs through the API (the timeline keeps which). */
export async function acknowledgeIncident(actor: TActor, incidentId: string, now = new Date(), via: "room" | "api" = "room") {
  assertCan(actor, "incident:write");
  return db().$transaction(async (tx) => (await acknowledgeIncidentIn(tx, incidentId, actor.id, now, via)).incident);
}

/** The incoming holder confirms a handoff: from now on the role is theirs in practice, not only on paper. */
export async function acknowledgeRoleHandoff(actor: TActor, incidentId: string, role: IncidentRole, now = new Date()) {
  assertCan(actor, "incident:write");
  return db().$transaction(async (tx) => {
    await lockIncident(tx, incidentId);
    const assignment = await tx.incidentRoleAssignment.findFirst({ where: { incidentId, role, releasedAt: null } });
    if (!assignment || assignment.userId !== actor.id) throw forbidden("errors.incident.notYourHandoff", { role: roleLabel(role) });
    if (assignment.acknowledgedAt) return assignment;
    return takeUpRoleIn(tx, assignment, now);
  });
}

/** Marks (or unmarks) a timeline entry as a key event; the marking is itself on the timeline. */
export async function markKeyEvent(actor: TActor, incidentId: string, entryId: bigint, keyEvent: boolean, now = new Date()) {
  assertCan(actor, "incident:write");
  return db().$transaction(async (tx) => {
    const entry = await tx.timelineEntry.findFirst({ where: { id: entryId, incidentId } });
    if (!entry) throw notFound("timelineEntry");
    if (entry.keyEvent === keyEvent) return entry;
    await markTimelineEntryAsKeyEvent(tx, entryId, keyEvent);
    await appendTimelineEntry(tx, {
      incidentId,
      kind: "key_event_marked",
      actorId: actor.id,
      occurredAt: now,
      body: entry.kind === "note" ? entry.body.slice(0, 200) : "",
      detail: { entryId: entryId.toString(), keyEvent, entryKind: entry.kind },
    });
    return { ...entry, keyEvent };
  });
}
