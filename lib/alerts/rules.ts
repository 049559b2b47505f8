import type { AlertLevel, Severity } from "@/lib/generated/prisma/enums";
import type { TSeverityMap } from "./schema";

const SEVERITY_RANK: Record<Severity, number> = { SEV1: 1, SEV2: 2, SEV3: 3, SEV4: 4 };

/** The incident severity an alert maps to: by its level, or the integration's default when it has none. */
export function severityForAlert(level: AlertLevel | null, severityMap: TSeverityMap, defaultSeverity: Severity): Severity {
  return level ? severityMap[level] : defaultSeverity;
}

/** True when `severity` is at least as severe as `threshold` (SEV1 is the most severe). */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] <= SEVERITY_RANK[threshold];
}

export type TRoutingRules = { openIncidentAtOrAbove: Severity; minOccurrences: number };

/** Whether a firing alert that found no incident to join may open one. */
export function mayOpenIncident(severity: Severity, occurrences: number, rules: TRoutingRules): boolean {
  return isAtLeast(severity, rules.openIncidentAtOrAbove) && occurrences >= rules.minOccurrences;
}

/** The key of the database lock that serialises incident creation for one service and alert group. */
export function alertGroupLockKey(serviceId: string | null, groupKey: string): string {
  return `alert-group|${serviceId ?? "-"}|${groupKey}`;
}
