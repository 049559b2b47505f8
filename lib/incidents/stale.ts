import { staleChange } from "@/lib/errors";
import { labelled, roleLabel, statusLabel } from "@/lib/i18n/message";
import type { IncidentRole, IncidentStatus, Severity } from "@/lib/generated/prisma/enums";
import { roleHolderIsStale, staleFields, type TSeenState } from "./rules";

/** Refuses a change based on a status or severity that someone else has changed since (409 `stale_change`). */
export function refuseStaleIncidentChange(current: { status: IncidentStatus; severity: Severity }, seen: TSeenState) {
  const [field] = staleFields(current, seen);
  if (field === "status" && seen.status) {
    const [now, was] = [current.status, seen.status];
    throw staleChange(
      { key: "errors.incident.staleStatus", vars: { now: statusLabel(now), was: statusLabel(was) } },
      { key: "errors.stale.status", vars: { current: statusLabel(now), seen: statusLabel(was) } },
    );
  }
  if (field === "severity" && seen.severity) {
    const [now, was] = [current.severity, seen.severity];
    throw staleChange({ key: "errors.incident.staleSeverity", vars: { now, was } }, { key: "errors.stale.severity", vars: { current: now, seen: was } });
  }
}

/** Refuses a role change based on a holder who no longer holds it (409 `stale_change`). */
export function refuseStaleRoleChange(role: IncidentRole, current: { userId: string; name: string } | null, seenHolderId: string | null | undefined) {
  if (!roleHolderIsStale(current?.userId ?? null, seenHolderId)) return;
  throw staleChange(
    { key: "errors.incident.staleRole", vars: { role: roleLabel(role), current: current?.name ?? labelled("nobody", "errors.incident.nobody") } },
    { key: "errors.stale.role", vars: { role: roleLabel(role), current: current?.name ?? { key: "common.unassigned" } } },
  );
}
