import { staleChange } from "@/lib/errors";
import type { IncidentRole, IncidentStatus, Severity } from "@/lib/generated/prisma/enums";
import { roleHolderIsStale, staleFields, type TSeenState } from "./rules";

/** Refuses a change based on a status or severity that someone else has changed since (409 `stale_change`). */
export function refuseStaleIncidentChange(current: { status: IncidentStatus; severity: Severity }, seen: TSeenState) {
  const [field] = staleFields(current, seen);
  if (field === "status" && seen.status) {
    const [now, was] = [current.status, seen.status];
    throw staleChange(`The status is now ${now}, not ${was}: someone changed it meanwhile, so nothing was changed`, (t) =>
      t("errors.stale.status", { current: t(`status.${now}`), seen: t(`status.${was}`) }),
    );
  }
  if (field === "severity" && seen.severity) {
    const [now, was] = [current.severity, seen.severity];
    throw staleChange(`The severity is now ${now}, not ${was}: someone changed it meanwhile, so nothing was changed`, (t) =>
      t("errors.stale.severity", { current: now, seen: was }),
    );
  }
}

/** Refuses a role change based on a holder who no longer holds it (409 `stale_change`). */
export function refuseStaleRoleChange(role: IncidentRole, current: { userId: string; name: string } | null, seenHolderId: string | null | undefined) {
  if (!roleHolderIsStale(current?.userId ?? null, seenHolderId)) return;
  throw staleChange(`The ${role} role changed hands meanwhile (now: ${current?.name ?? "nobody"}), so nothing was changed`, (t) =>
    t("errors.stale.role", { role: t(`role.${role}`), current: current?.name ?? t("common.unassigned") }),
  );
}
