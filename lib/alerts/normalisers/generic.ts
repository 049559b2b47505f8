import { z } from "zod";
import { levelFromWord } from "../levels";
import { parsePayload, parseSenderTime, truncate } from "../payload-parsing";
import type { TNormalisedAlert, TNormalisedDelivery } from "../schema";

const ZGenericAlert = z
  .object({
    dedupKey: z.string().min(1).max(255),
    status: z.enum(["firing", "resolved"]),
    title: z.string().min(1).max(500),
    severity: z.string().max(50).optional(),
    description: z.string().max(10_000).optional(),
    service: z.string().max(100).optional(),
    groupKey: z.string().min(1).max(255).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    links: z
      .array(z.strictObject({ href: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }), text: z.string().max(200).optional() }))
      .max(20)
      .optional(),
    startsAt: z.string().optional(),
    endsAt: z.string().optional(),
  })
  .strict();

const ZGenericBatch = z.object({ alerts: z.array(ZGenericAlert).min(1).max(1_000) }).strict();

/** Firebreak's own minimal format (README): one alert, or `{ "alerts": [...] }`. */
export function normaliseGeneric(payload: unknown, receivedAt: Date): TNormalisedDelivery {
  const isBatch = typeof payload === "object" && payload !== null && "alerts" in payload;
  const alerts = isBatch ? parsePayload(ZGenericBatch, payload, "generic alert batch").alerts : [parsePayload(ZGenericAlert, payload, "generic alert")];
  return {
    alerts: alerts.map((alert, index): TNormalisedAlert => ({
      dedupKey: alert.dedupKey,
      groupKey: alert.groupKey ?? alert.dedupKey,
      status: alert.status,
      level: levelFromWord(alert.severity),
      sourceSeverity: alert.severity ?? "",
      title: alert.title,
      description: truncate(alert.description ?? "", 10_000),
      labels: alert.labels ?? {},
      serviceHint: alert.service ?? null,
      startsAt: alert.startsAt ? parseSenderTime(alert.startsAt, `alerts.${index}.startsAt`, receivedAt) : receivedAt,
      endsAt: alert.endsAt ? parseSenderTime(alert.endsAt, `alerts.${index}.endsAt`, receivedAt) : alert.status === "resolved" ? receivedAt : null,
      links: (alert.links ?? []).map((link) => ({ href: link.href, text: link.text ?? link.href })),
    })),
    notes: [],
  };
}
