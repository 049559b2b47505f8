import { z } from "zod";
import { levelFromWord } from "../levels";
import { links, parseEpoch, parsePayload, truncate } from "../payload-parsing";
import type { TNormalisedDelivery } from "../schema";

const ZRole = z.looseObject({ serviceName: z.string().optional(), roleName: z.string().optional() });

const ZMackerel = z.looseObject({
  event: z.string(),
  orgName: z.string().optional(),
  message: z.string().optional(),
  memo: z.string().optional(),
  imageUrl: z.string().optional(),
  type: z.string().optional(),
  host: z.looseObject({ name: z.string(), url: z.string().optional(), roles: z.array(ZRole).optional() }).nullish(),
  service: z.looseObject({ name: z.string() }).nullish(),
  alert: z
    .looseObject({
      id: z.string().min(1),
      status: z.string().min(1),
      isOpen: z.boolean().optional(),
      url: z.string().optional(),
      monitorName: z.string().optional(),
      metricLabel: z.string().optional(),
      metricValue: z.number().nullish(),
      openedAt: z.number().optional(),
      closedAt: z.number().nullish(),
      createdAt: z.number().optional(),
    })
    .optional(),
});

/** Mackerel's alert webhook. Other events (e.g. a test notification) carry no alert and are accepted as such. */
export function normaliseMackerel(payload: unknown, receivedAt: Date): TNormalisedDelivery {
  const notification = parsePayload(ZMackerel, payload, "Mackerel webhook");
  const alert = notification.alert;
  if (notification.event !== "alert" || !alert) return { alerts: [], notes: [`Mackerel event "${notification.event}" carries no alert`] };

  const resolved = alert.status.toLowerCase() === "ok" || alert.isOpen === false;
  const host = notification.host;
  const serviceName = host?.roles?.[0]?.serviceName ?? notification.service?.name ?? null;
  const monitor = alert.monitorName ?? notification.message ?? "Mackerel alert";
  const startsAt = alert.openedAt
    ? parseEpoch(alert.openedAt, "s", "alert.openedAt", receivedAt)
    : alert.createdAt
      ? parseEpoch(alert.createdAt, "ms", "alert.createdAt", receivedAt)
      : receivedAt;
  return {
    alerts: [
      {
        dedupKey: alert.id,
        groupKey: alert.monitorName ?? alert.id,
        status: resolved ? "resolved" : "firing",
        level: resolved ? null : (levelFromWord(alert.status) ?? "error"),
        sourceSeverity: alert.status,
        title: truncate(host ? `${monitor} on ${host.name}` : monitor, 500),
        description: truncate([notification.message, notification.memo].filter(Boolean).join("\n\n"), 10_000),
        labels: Object.fromEntries(
          Object.entries({
            org: notification.orgName,
            monitor: alert.monitorName,
            host: host?.name,
            service: serviceName ?? undefined,
            role: host?.roles?.[0]?.roleName,
            metric: alert.metricLabel,
            value: alert.metricValue?.toString(),
            type: notification.type,
          }).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
        ),
        serviceHint: serviceName,
        startsAt,
        endsAt: resolved ? (alert.closedAt ? parseEpoch(alert.closedAt, "s", "alert.closedAt", receivedAt) : receivedAt) : null,
        links: links([alert.url, "mackerel"], [host?.url, "host"], [notification.imageUrl, "graph"]),
      },
    ],
    notes: [],
  };
}
