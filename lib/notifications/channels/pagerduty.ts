import type { Severity } from "@/lib/generated/prisma/enums";
import { truncate } from "../content";
import type { TChannelConfig, TNotification } from "../schema";
import { ChannelError, joinUrl, jsonField, postToChannel } from "./http";

const PAGERDUTY_SEVERITY: Record<Severity, "critical" | "error" | "warning" | "info"> = { SEV1: "critical", SEV2: "error", SEV3: "warning", SEV4: "info" };

/**
 * An Events API v2 trigger: one PagerDuty alert per Firebreak incident (the dedup key is the
 * incident, so a repeat notification updates that alert rather than paging twice). Summary ≤ 1024
 * characters, dedup_key ≤ 255; PagerDuty shows the texts as plain text.
 */
export function pagerdutyEvent(notification: TNotification, routingKey: string) {
  const { incident, firstAlert, links } = notification;
  return {
    routing_key: routingKey,
    event_action: "trigger",
    dedup_key: truncate(`firebreak-${notification.test ? "test-" : ""}${incident.id ?? incident.reference}`, 255),
    payload: {
      summary: truncate(`${notification.test ? "[test] " : ""}[${incident.severity}] ${incident.reference} ${incident.title}`, 1_024),
      source: "Firebreak",
      severity: PAGERDUTY_SEVERITY[incident.severity],
      ...(incident.services.length > 0 ? { component: truncate(incident.services.join(", "), 255) } : {}),
      custom_details: { incident: incident.reference, status: incident.status, services: incident.services, first_alert: firstAlert },
    },
    client: "Firebreak",
    client_url: links.open,
    links: [
      { href: links.open, text: incident.reference },
      ...(links.acknowledge ? [{ href: links.acknowledge, text: "Acknowledge in Firebreak" }] : []),
      ...(firstAlert?.runbookUrl ? [{ href: firstAlert.runbookUrl, text: "Runbook" }] : []),
    ],
  };
}

/** POST /v2/enqueue; PagerDuty answers 202 with `{"status": "success", "dedup_key": …}`. */
export async function sendPagerduty(config: TChannelConfig<"pagerduty">, notification: TNotification): Promise<void> {
  const response = await postToChannel({
    url: joinUrl(config.settings.apiBaseUrl, "v2/enqueue"),
    headers: { "content-type": "application/json" },
    body: JSON.stringify(pagerdutyEvent(notification, config.secrets.routingKey)),
  });
  if (jsonField(response.body, "status") !== "success") throw new ChannelError("PagerDuty did not answer status: success");
}
