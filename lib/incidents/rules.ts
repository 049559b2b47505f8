import type { TErrorMessage } from "@/lib/errors";
import type { IncidentRole, IncidentStatus, PostmortemStatus, Severity } from "@/lib/generated/prisma/enums";

export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const satisfies readonly Severity[];
/** Most severe first: a lower rank is more severe (SEV1 is 0). */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { SEV1: 0, SEV2: 1, SEV3: 2, SEV4: 3 };
export const INCIDENT_ROLES = ["commander", "operations", "communications", "planning"] as const satisfies readonly IncidentRole[];
export const INCIDENT_STATUSES = ["declared", "investigating", "identified", "monitoring", "resolved", "closed"] as const satisfies readonly IncidentStatus[];
export const OPEN_STATUSES: readonly IncidentStatus[] = ["declared", "investigating", "identified", "monitoring"];

/**
 * Where an incident may go from each status. Responders move forward, may skip ahead when a
 * fix is obvious, and may step back when a mitigation fails; a resolved incident may reopen.
 * `closed` follows the postmortem and is final; `declared` is only ever the starting point.
 */
const TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  declared: ["investigating", "identified", "monitoring", "resolved"],
  investigating: ["identified", "monitoring", "resolved"],
  identified: ["investigating", "monitoring", "resolved"],
  monitoring: ["investigating", "identified", "resolved"],
  resolved: ["investigating", "closed"],
  closed: [],
};

export function allowedTransitions(from: IncidentStatus): readonly IncidentStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Why an incident may not be closed yet, or null: a postmortem that exists must be published first,
 * and SEV1/SEV2 incidents always need one (closing is the end of the postmortem step).
 */
export function closingProblem(severity: Severity, postmortemStatus: PostmortemStatus | null): TErrorMessage | null {
  if (postmortemStatus && postmortemStatus !== "published") return { key: "errors.incident.publishPostmortemFirst" };
  if (!postmortemStatus && (severity === "SEV1" || severity === "SEV2")) return { key: "errors.incident.closedByPostmortem", vars: { severity } };
  return null;
}

export function isOpen(status: IncidentStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

type TIncidentTimes = { mitigatedAt: Date | null; resolvedAt: Date | null; closedAt: Date | null };

/**
 * The lifecycle timestamps after moving to `to` at `now`. Mitigated is the first time the
 * incident reached monitoring (or resolved without it); reopening clears resolved.
 */
export function lifecycleTimesAfter(incident: TIncidentTimes, to: IncidentStatus, now: Date): TIncidentTimes {
  const current = { mitigatedAt: incident.mitigatedAt, resolvedAt: incident.resolvedAt, closedAt: incident.closedAt };
  switch (to) {
    case "monitoring":
      return { ...current, mitigatedAt: current.mitigatedAt ?? now };
    case "resolved":
      return { ...current, mitigatedAt: current.mitigatedAt ?? now, resolvedAt: now };
    case "closed":
      return { ...current, closedAt: now };
    default:
      return { ...current, resolvedAt: null };
  }
}

// Clocks of senders and of this server disagree a little; more than this is a mistake.
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Why an incident cannot open with these times, or null: neither may lie in the future (beyond
 * clock skew), and it is detected after it starts.
 */
export function openingTimesProblem(startedAt: Date, detectedAt: Date, now: Date): TErrorMessage | null {
  if (startedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return { key: "errors.incident.startedInFuture" };
  if (detectedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return { key: "errors.incident.detectedInFuture" };
  if (detectedAt < startedAt) return { key: "errors.incident.detectedBeforeStart" };
  return null;
}

export type TRoleChange = "assign" | "handoff" | "unchanged";

/** What giving `role` to `toUserId` means, given who holds it now. */
export function roleChangeKind(currentHolderId: string | null, toUserId: string): TRoleChange {
  if (currentHolderId === null) return "assign";
  return currentHolderId === toUserId ? "unchanged" : "handoff";
}

/** The commander role is never empty once declared: it can only be handed to someone else. */
export function canRelease(role: IncidentRole): boolean {
  return role !== "commander";
}

export function incidentReference(number: number): string {
  return `INC-${number}`;
}

/** What a change was based on: the values the person saw when they made it (absent: not checked). */
export type TSeenState = { status?: IncidentStatus; severity?: Severity };

/**
 * The fields whose current value differs from what the change was based on: a change made from a
 * page that had not caught up yet. Only fields the caller saw are compared.
 */
export function staleFields(current: { status: IncidentStatus; severity: Severity }, seen: TSeenState): ("status" | "severity")[] {
  return (["status", "severity"] as const).filter((field) => seen[field] !== undefined && seen[field] !== current[field]);
}

/** Who holds a role now, against who the person saw holding it (null: nobody); undefined: not checked. */
export function roleHolderIsStale(currentHolderId: string | null, seenHolderId: string | null | undefined): boolean {
  return seenHolderId !== undefined && seenHolderId !== currentHolderId;
}

/**
 * Whether the room offers a responder "I'm on it" (acknowledge, take command, start investigating):
 * while something of taking charge is still undone — the incident is only declared, nobody has
 * acknowledged it, or its commander has not taken the role up. Not once a commander is at work.
 */
export function offersTakeCommand(
  incident: { status: IncidentStatus; acknowledgedAt: Date | null },
  commander: { userId: string; acknowledgedAt: Date | null } | null,
): boolean {
  if (!isOpen(incident.status)) return false;
  return incident.status === "declared" || incident.acknowledgedAt === null || commander === null || commander.acknowledgedAt === null;
}
