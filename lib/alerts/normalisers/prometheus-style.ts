import { z } from "zod";
import { levelFromWord } from "../levels";
import { isZeroTime, links, parsePayload, parseSenderTime, truncate } from "../payload-parsing";
import { AlertPayloadError, type TNormalisedAlert, type TNormalisedDelivery } from "../schema";

const ZLabels = z.record(z.string(), z.string());

const ZGroupedAlert = z.looseObject({
  status: z.enum(["firing", "resolved"]),
  labels: ZLabels,
  annotations: ZLabels.nullish(),
  startsAt: z.string().min(1),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1, "must not be empty").max(255),
  silenceURL: z.string().nullish(),
  dashboardURL: z.string().nullish(),
  panelURL: z.string().nullish(),
  valueString: z.string().nullish(),
});

const ZGroupedPayload = z.looseObject({
  version: z.string(),
  groupKey: z.string(),
  status: z.enum(["firing", "resolved"]),
  receiver: z.string().optional(),
  alerts: z.array(ZGroupedAlert).max(10_000),
  truncatedAlerts: z.number().int().min(0).optional(),
  externalURL: z.string().optional(),
  orgId: z.number().optional(),
});

/**
 * Alertmanager's webhook v4 and Grafana Alerting's webhook share one shape: a group of alerts,
 * each with its own status and fingerprint. Each alert resolves on its own; a group that mixes
 * firing and resolved alerts never resolves the others.
 */
function normaliseGroupedAlerts(payload: unknown, receivedAt: Date, flavour: { name: string; sender: string; version: string }): TNormalisedDelivery {
  const group = parsePayload(ZGroupedPayload, payload, flavour.name);
  if (group.version !== flavour.version) {
    throw new AlertPayloadError(`version: ${flavour.name} payload version ${group.version} is not supported (expected "${flavour.version}")`);
  }
  const alerts: TNormalisedAlert[] = group.alerts.map((alert, index) => {
    const annotations = alert.annotations ?? {};
    const alertname = alert.labels.alertname;
    const summary = annotations.summary ?? annotations.title;
    const title = alertname && summary ? `${alertname}: ${summary}` : (summary ?? alertname ?? "Alert");
    const description = [annotations.description ?? annotations.message, alert.valueString].filter(Boolean).join("\n\n");
    return {
      dedupKey: alert.fingerprint,
      groupKey: group.groupKey,
      status: alert.status,
      level: levelFromWord(alert.labels.severity ?? alert.labels.priority),
      sourceSeverity: alert.labels.severity ?? "",
      title: truncate(title, 500),
      description: truncate(description, 10_000),
      labels: alert.labels,
      serviceHint: alert.labels.service ?? null,
      startsAt: parseSenderTime(alert.startsAt, `alerts.${index}.startsAt`, receivedAt),
      endsAt: alert.status === "resolved" && !isZeroTime(alert.endsAt) ? parseSenderTime(alert.endsAt as string, `alerts.${index}.endsAt`, receivedAt) : null,
      links: links(
        [alert.generatorURL, "source"],
        [annotations.runbook_url, "runbook"],
        [alert.dashboardURL || annotations.dashboard_url, "dashboard"],
        [alert.panelURL, "panel"],
        [alert.silenceURL, "silence"],
      ),
    };
  });
  if (!group.truncatedAlerts) return { alerts, notes: [] };
  return {
    alerts,
    notes: [`The sender left out ${group.truncatedAlerts} alert(s) of this group (max_alerts)`],
    truncated: { sender: flavour.sender, groupKey: group.groupKey, count: group.truncatedAlerts },
  };
}

export function normaliseAlertmanager(payload: unknown, receivedAt: Date): TNormalisedDelivery {
  return normaliseGroupedAlerts(payload, receivedAt, { name: "Alertmanager webhook", sender: "Alertmanager", version: "4" });
}

export function normaliseGrafana(payload: unknown, receivedAt: Date): TNormalisedDelivery {
  return normaliseGroupedAlerts(payload, receivedAt, { name: "Grafana webhook", sender: "Grafana", version: "1" });
}
