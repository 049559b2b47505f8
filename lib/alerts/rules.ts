import type { AlertLevel, AlertSource, AlertStatus, IncidentSource, Severity } from "@/lib/generated/prisma/enums";
import type { TRetentionEnv } from "@/lib/env/schema";
import { SEVERITY_RANK } from "@/lib/incidents/rules";
import type { TSeverityMap } from "./schema";

/** The incident severity an alert maps to: by its level, or the integration's default when it has none. */
export function severityForAlert(level: AlertLevel | null, severityMap: TSeverityMap, defaultSeverity: Severity): Severity {
  return level ? severityMap[level] : defaultSeverity;
}

/** True when `severity` is at least as severe as `threshold` (SEV1 is the most severe). */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] <= SEVERITY_RANK[threshold];
}

/** What an incident opened by this integration's alerts records as its source: Firebreak's own SLO alerts are burns. */
export function incidentSourceOf(source: AlertSource): IncidentSource {
  return source === "slo" ? "slo_burn" : "alert";
}

/**
 * An incident's alerts have all resolved: it has at least one, and none is firing. The incident room
 * offers monitoring then, and an integration set to auto-monitor moves the incident there.
 */
export const allAlertsResolved = (alerts: readonly { status: AlertStatus }[]) => alerts.length > 0 && alerts.every((alert) => alert.status === "resolved");

export type TRoutingRules = { openIncidentAtOrAbove: Severity; minOccurrences: number };

/** Whether a firing alert that found no incident to join may open one. */
export function mayOpenIncident(severity: Severity, occurrences: number, rules: TRoutingRules): boolean {
  return isAtLeast(severity, rules.openIncidentAtOrAbove) && occurrences >= rules.minOccurrences;
}

/** The key of the database lock that serialises incident creation for one service and alert group. */
export function alertGroupLockKey(serviceId: string | null, groupKey: string): string {
  // JSON, so that no service id and group key can run into another pair.
  return `alert-group:${JSON.stringify([serviceId, groupKey])}`;
}

/** The key of the database lock that orders SLO burn-rate alerts against other alerts of their service. */
export function alertServiceLockKey(serviceId: string): string {
  return `alert-service:${JSON.stringify(serviceId)}`;
}

export type TRoutingLock = { key: string; shared: boolean };

/**
 * The locks routing takes, in the order to take them (one order for every transaction, so that
 * none waits for another in a circle). Each service and group is routed by one transaction at a
 * time. An SLO burn-rate alert joins any open incident of its service, so its routing must also
 * see every incident other alerts of the service are opening: it holds the service's lock alone,
 * while other alerts share it and still route their own groups side by side.
 */
export function alertRoutingLocks(source: AlertSource, alerts: { serviceId: string | null; groupKey: string }[]): TRoutingLock[] {
  const locks = new Map<string, boolean>();
  for (const alert of alerts) {
    locks.set(alertGroupLockKey(alert.serviceId, alert.groupKey), false);
    if (alert.serviceId) locks.set(alertServiceLockKey(alert.serviceId), source !== "slo");
  }
  return [...locks].map(([key, shared]) => ({ key, shared })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const MINUTE = 60_000;

/** Deliveries one integration may send per minute; 0 in the setting switches the limit off (null). */
export function intakeLimit(env: Pick<TRetentionEnv, "FIREBREAK_INTAKE_PER_MINUTE">): number | null {
  return env.FIREBREAK_INTAKE_PER_MINUTE === 0 ? null : env.FIREBREAK_INTAKE_PER_MINUTE;
}

/** The minute a delivery is counted in by the intake rate limit. */
export const intakeMinute = (now: Date) => new Date(Math.floor(now.getTime() / MINUTE) * MINUTE);

/** Retry-After for a delivery refused at `now`: whole seconds until the next minute starts counting afresh (1 to 60). */
export const secondsToNextMinute = (now: Date) => Math.max(1, Math.ceil((intakeMinute(now).getTime() + MINUTE - now.getTime()) / 1000));
