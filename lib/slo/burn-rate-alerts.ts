import { ingestAlertDelivery } from "@/lib/alerts/ingest";
import { findSloIntegrations } from "@/lib/alerts/receive";
import { db } from "@/lib/db/prisma";
import { formatWindow } from "@/lib/clock/durations";
import { publicUrl } from "@/lib/http/public-url";
import type { TBurnRateAlertRule } from "./rules";
import { sloStatuses, type TSloStatus } from "./status";
import { formatObjective, formatPercent } from "./format";

/** `objective` in parts per million, as stored. */
type TAlertingSlo = { id: string; name: string; objective: number; window: string; service: { name: string; slug: string } };

/** Firebreak's generic alert format (README), so burn-rate alerts take the same path as any sender's. */
export function burnRateAlertPayload(
  slo: TAlertingSlo,
  status: Pick<TSloStatus, "budget">,
  changes: { rule: TBurnRateAlertRule; firing: boolean; longRate: number; shortRate: number }[],
  now: Date,
) {
  const objective = formatObjective(slo.objective);
  return {
    alerts: changes.map(({ rule, firing, longRate, shortRate }) => ({
      dedupKey: `slo:${slo.id}:${rule.longWindowMs}`,
      groupKey: `slo:${slo.id}`,
      status: firing ? "firing" : "resolved",
      severity: rule.severity === "page" ? "critical" : "warning",
      title: `${slo.service.name} · ${slo.name}: ${rule.name} (burn rate ${longRate.toFixed(1)}× over ${formatWindow(rule.longWindowMs)})`,
      description:
        `Burning the error budget of ${objective} (${slo.window}) ${longRate.toFixed(1)}× over ${formatWindow(rule.longWindowMs)} ` +
        `and ${shortRate.toFixed(1)}× over ${formatWindow(rule.shortWindowMs)}; the alert fires above ${rule.factor}× in both. ` +
        `Budget remaining: ${formatPercent(status.budget.remainingFraction)}.`,
      service: slo.service.slug,
      labels: {
        slo: slo.name,
        service: slo.service.slug,
        objective,
        alert: rule.name,
        notify: rule.severity,
        factor: String(rule.factor),
        longWindow: formatWindow(rule.longWindowMs),
        shortWindow: formatWindow(rule.shortWindowMs),
      },
      links: [{ href: publicUrl(`/services/${slo.service.slug}`), text: "SLO" }],
      ...(firing ? { startsAt: now.toISOString() } : { endsAt: now.toISOString() }),
    })),
  };
}

/**
 * Compares each SLO's burn-rate alert state with what the alert path last heard and sends the
 * changes to every "slo" integration, which opens, joins and resolves incidents as for any other
 * source. The stored state is swapped with a compare-and-set, so with several processes exactly one
 * sends each change.
 */
export async function raiseBurnRateAlerts(now = new Date(), sloIds?: string[]): Promise<number> {
  const integrations = await findSloIntegrations();
  if (integrations.length === 0) return 0;
  const slos = await db().slo.findMany({
    where: sloIds ? { id: { in: sloIds } } : {},
    select: {
      id: true,
      name: true,
      objective: true,
      window: true,
      timeZone: true,
      burnRateFactors: true,
      firingBurnAlerts: true,
      service: { select: { name: true, slug: true } },
    },
  });
  let sent = 0;
  for (const status of await sloStatuses(slos, now)) {
    const { slo } = status;
    const firingNow = status.alert.firing.map((rule) => rule.name).sort();
    if (firingNow.join("\n") === [...slo.firingBurnAlerts].sort().join("\n")) continue;
    const swapped = await db().slo.updateMany({
      where: { id: slo.id, firingBurnAlerts: { equals: slo.firingBurnAlerts } },
      data: { firingBurnAlerts: firingNow },
    });
    if (swapped.count === 0) continue;
    const rateOver = (windowMs: number) => status.burnRates.find((entry) => entry.windowMs === windowMs)?.rate ?? 0;
    // The factors in force now: a calendar month without factors of its own scales them to its length.
    const changes = status.burnRateRules
      .filter((rule) => firingNow.includes(rule.name) !== slo.firingBurnAlerts.includes(rule.name))
      .map((rule) => ({ rule, firing: firingNow.includes(rule.name), longRate: rateOver(rule.longWindowMs), shortRate: rateOver(rule.shortWindowMs) }));
    const body = JSON.stringify(burnRateAlertPayload(slo, status, changes, now));
    for (const integration of integrations) await ingestAlertDelivery(integration, body, { now });
    sent += changes.length;
  }
  return sent;
}
