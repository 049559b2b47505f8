import { z } from "zod";
import type { AlertLevel, AlertSource, Severity } from "@/lib/generated/prisma/enums";
import { SEVERITIES } from "@/lib/incidents/rules";

export const ALERT_SOURCES = [
  "alertmanager",
  "grafana",
  "cloudwatch",
  "datadog",
  "mackerel",
  "pagerduty",
  "generic",
  "slo",
] as const satisfies readonly AlertSource[];
export const ALERT_LEVELS = ["critical", "error", "warning", "info"] as const satisfies readonly AlertLevel[];

/** The links Firebreak itself names (a sender's own link text is shown as sent), with their English names. */
export const ALERT_LINK_NAMES = {
  source: "Source",
  runbook: "Runbook",
  dashboard: "Dashboard",
  panel: "Panel",
  silence: "Silence",
  cloudwatch: "CloudWatch alarm",
  datadog: "Datadog event",
  mackerel: "Mackerel alert",
  host: "Host",
  graph: "Graph",
  monitoring: "Monitoring",
} as const;
export type TAlertLinkKind = keyof typeof ALERT_LINK_NAMES;

/** `text` is the English name (API readers, postmortems); `kind` lets a page name the link in its reader's language. */
export type TAlertLink = { href: string; text: string; kind?: TAlertLinkKind };

/** One alert as every source's normaliser returns it. */
export type TNormalisedAlert = {
  dedupKey: string;
  /** alerts with the same group key (and service) belong to one incident */
  groupKey: string;
  status: "firing" | "resolved";
  /** null when the source says nothing about severity: the integration's default applies */
  level: AlertLevel | null;
  sourceSeverity: string;
  title: string;
  description: string;
  labels: Record<string, string>;
  /** a service slug or name named by the alert, matched against Firebreak's services */
  serviceHint: string | null;
  startsAt: Date;
  endsAt: Date | null;
  links: TAlertLink[];
};

export type TNormalisedDelivery = {
  alerts: TNormalisedAlert[];
  /** the sender's message id, when it has one (SNS): a retry of it is recognised */
  externalId?: string;
  /** things worth showing in the delivery log, e.g. alerts the sender truncated */
  notes: string[];
  /** alerts of the group the sender left out of this delivery (Alertmanager's and Grafana's `max_alerts`) */
  truncated?: TTruncatedGroup;
  /** the key the sender is told to use later (PagerDuty's `dedup_key`) */
  responseKey?: string;
};

export type TTruncatedGroup = { sender: string; groupKey: string; count: number };

/** A payload that cannot be understood; the message says what is wrong, for the sender's admin. */
export class AlertPayloadError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 | 422 = 400,
  ) {
    super(message);
    this.name = "AlertPayloadError";
  }
}

const ZSeverityMap = z.object({ critical: z.enum(SEVERITIES), error: z.enum(SEVERITIES), warning: z.enum(SEVERITIES), info: z.enum(SEVERITIES) }).strict();
export type TSeverityMap = z.infer<typeof ZSeverityMap>;
export const DEFAULT_SEVERITY_MAP: TSeverityMap = { critical: "SEV2", error: "SEV3", warning: "SEV4", info: "SEV4" };

export const ZIntegrationCreate = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(100),
    source: z.enum(ALERT_SOURCES),
    defaultServiceId: z.string().min(1).nullable().default(null),
    defaultSeverity: z.enum(SEVERITIES).default("SEV3"),
  })
  .strict();
export type TIntegrationCreate = z.infer<typeof ZIntegrationCreate>;

export const ZIntegrationUpdate = z
  .object({
    name: z.string().trim().min(1).max(100),
    defaultServiceId: z.string().min(1).nullable(),
    defaultSeverity: z.enum(SEVERITIES),
    severityMap: ZSeverityMap,
    openIncidentAtOrAbove: z.enum(SEVERITIES),
    minOccurrences: z.number().int().min(1).max(100),
    groupWindowMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60),
    autoMonitorOnResolve: z.boolean(),
    commanderId: z.string().min(1),
    snsTopicArns: z.array(z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$/, "must be an SNS topic ARN")).max(20),
  })
  .partial()
  .strict()
  .refine((update) => Object.keys(update).length > 0, "send at least one setting");
export type TIntegrationUpdate = z.infer<typeof ZIntegrationUpdate>;

export type TSeverity = Severity;

export const ZAlertListFilter = z.strictObject({
  status: z.enum(["firing", "resolved"]).optional(),
  source: z.enum(ALERT_SOURCES).optional(),
  integrationId: z.string().min(1).optional(),
  service: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
