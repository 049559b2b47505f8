import { randomUUID } from "node:crypto";
import { z } from "zod";
import { links, parsePayload, senderLinks, parseSenderTime, stringLabels, truncate } from "../payload-parsing";
import { AlertPayloadError, type TNormalisedDelivery } from "../schema";

export const ZPagerDutyEvent = z.looseObject({
  routing_key: z.string().optional(),
  event_action: z.enum(["trigger", "acknowledge", "resolve"]),
  dedup_key: z.string().min(1).max(255, "must be at most 255 characters").optional(),
  payload: z
    .looseObject({
      summary: z.string().min(1).max(1024, "must be at most 1024 characters"),
      source: z.string().min(1),
      severity: z.enum(["critical", "error", "warning", "info"]),
      timestamp: z.string().optional(),
      component: z.string().optional(),
      group: z.string().optional(),
      class: z.string().optional(),
      custom_details: z.unknown().optional(),
    })
    .optional(),
  links: z.array(z.looseObject({ href: z.string(), text: z.string().optional() })).optional(),
  client: z.string().optional(),
  client_url: z.string().optional(),
});

/**
 * PagerDuty Events API v2. A trigger without `dedup_key` gets a new one, which the endpoint returns
 * so the sender can resolve it later, as PagerDuty does. `acknowledge` is accepted and ignored:
 * acknowledgement happens in Firebreak, by a person.
 */
export function normalisePagerDuty(payload: unknown, receivedAt: Date, newDedupKey: () => string = randomUUID): TNormalisedDelivery {
  const event = parsePayload(ZPagerDutyEvent, payload, "PagerDuty Events API v2");
  if (event.event_action !== "trigger") {
    if (!event.dedup_key) throw new AlertPayloadError(`dedup_key: required to ${event.event_action} an alert`);
    if (event.event_action === "acknowledge") return { alerts: [], notes: ["acknowledge events are accepted and ignored"], responseKey: event.dedup_key };
    return {
      alerts: [
        {
          dedupKey: event.dedup_key,
          groupKey: event.dedup_key,
          status: "resolved",
          level: null,
          sourceSeverity: "",
          title: event.payload?.summary ?? event.dedup_key,
          description: "",
          labels: {},
          serviceHint: null,
          startsAt: receivedAt,
          endsAt: receivedAt,
          links: [],
        },
      ],
      notes: [],
      responseKey: event.dedup_key,
    };
  }
  const details = event.payload;
  if (!details) throw new AlertPayloadError("payload: required for a trigger event (summary, source and severity)");
  const dedupKey = event.dedup_key ?? newDedupKey();
  const custom = details.custom_details && typeof details.custom_details === "object" ? (details.custom_details as Record<string, unknown>) : {};
  return {
    alerts: [
      {
        dedupKey,
        groupKey: details.group ?? details.source,
        status: "firing",
        level: details.severity,
        sourceSeverity: details.severity,
        title: truncate(details.summary, 500),
        description: typeof details.custom_details === "string" ? truncate(details.custom_details, 10_000) : "",
        labels: stringLabels({ source: details.source, component: details.component, group: details.group, class: details.class, ...custom }),
        serviceHint: typeof custom.service === "string" ? custom.service : null,
        startsAt: details.timestamp ? parseSenderTime(details.timestamp, "payload.timestamp", receivedAt) : receivedAt,
        endsAt: null,
        links: [
          ...(event.client ? senderLinks([event.client_url, event.client]) : links([event.client_url, "monitoring"])),
          ...senderLinks(...(event.links ?? []).map((link): [string, string] => [link.href, link.text ?? link.href])),
        ],
      },
    ],
    notes: [],
    responseKey: dedupKey,
  };
}
