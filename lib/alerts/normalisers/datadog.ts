import { z } from "zod";
import { levelFromWord } from "../levels";
import { links, parseEpoch, parsePayload, parseSenderTime, truncate } from "../payload-parsing";
import { AlertPayloadError, type TNormalisedDelivery } from "../schema";

const ZText = z.union([z.string(), z.number()]).transform(String);

const ZDatadog = z.looseObject({
  alert_transition: z.string().min(1),
  title: z.string().min(1),
  alert_id: ZText.optional(),
  alert_cycle_key: ZText.optional(),
  aggreg_key: ZText.optional(),
  alert_scope: z.string().optional(),
  alert_priority: z.string().optional(),
  alert_type: z.string().optional(),
  alert_status: z.string().optional(),
  alert_metric: z.string().optional(),
  body: z.string().optional(),
  date: ZText.optional(),
  link: z.string().optional(),
  tags: z.string().optional(),
  hostname: z.string().optional(),
});

const unset = (value: string | undefined) => (value && !value.startsWith("$") ? value : undefined);

/** "env:prod,service:orders-db" → { env: "prod", service: "orders-db" } */
function tagLabels(tags: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const tag of (tags ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = tag.indexOf(":");
    if (separator > 0) labels[tag.slice(0, separator)] = tag.slice(separator + 1);
    else labels[tag] = "";
  }
  return labels;
}

function datadogTime(value: string | undefined, receivedAt: Date): Date {
  if (!value) return receivedAt;
  if (/^\d+$/.test(value)) return parseEpoch(Number(value), value.length > 11 ? "ms" : "s", "date", receivedAt);
  return parseSenderTime(value, "date", receivedAt);
}

/**
 * Datadog's webhook carries whatever template the sender wrote; this reads Firebreak's recommended
 * template (README). One monitor alert cycle is one alert; the aggregation key groups them.
 */
export function normaliseDatadog(payload: unknown, receivedAt: Date): TNormalisedDelivery {
  const event = parsePayload(ZDatadog, payload, "Datadog webhook");
  const cycle = unset(event.alert_cycle_key);
  const alertId = unset(event.alert_id);
  const aggregation = unset(event.aggreg_key);
  const dedupKey = cycle ?? (alertId ? `${alertId}:${event.alert_scope ?? ""}` : aggregation);
  if (!dedupKey) throw new AlertPayloadError("alert_cycle_key: send $ALERT_CYCLE_KEY (or $ALERT_ID, or $AGGREG_KEY) so that repeats can be recognised");
  const labels: Record<string, string> = {
    ...tagLabels(event.tags),
    ...(event.hostname ? { host: event.hostname } : {}),
    ...(event.alert_metric ? { metric: event.alert_metric } : {}),
  };
  const recovered = event.alert_transition.toLowerCase() === "recovered";
  const level = levelFromWord(event.alert_priority) ?? (event.alert_transition.toLowerCase().includes("warn") ? "warning" : levelFromWord(event.alert_type));
  const startsAt = datadogTime(unset(event.date), receivedAt);
  return {
    alerts: [
      {
        dedupKey: truncate(dedupKey, 255),
        groupKey: aggregation ?? alertId ?? dedupKey,
        status: recovered ? "resolved" : "firing",
        level: recovered ? null : level,
        sourceSeverity: [event.alert_priority, event.alert_type].filter(Boolean).join(" "),
        title: truncate(event.title, 500),
        description: truncate([event.alert_status, (event.body ?? "").replaceAll("%%%", "").trim()].filter(Boolean).join("\n\n"), 10_000),
        labels,
        serviceHint: labels.service ?? null,
        startsAt,
        endsAt: recovered ? startsAt : null,
        links: links([unset(event.link), "datadog"]),
      },
    ],
    notes: [],
  };
}
