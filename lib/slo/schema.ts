import { z } from "zod";
import { ZTimeZone } from "@/lib/clock/time-zone";


const ZPrometheusSource = z
  .object({
    url: z
      .url({ protocol: /^https?$/, message: "must be an http(s) URL such as http://prometheus:9090" })
      .max(500)
      // The URL is shown to everyone who can see the SLO: credentials do not belong in it.
      .refine((url) => !/^https?:\/\/[^/]*@/.test(url), "must not contain credentials (user:password@)")
      .transform((url) => url.replace(/\/+$/, "")),
    goodQuery: z.string().trim().min(1, "must not be empty").max(2_000),
    totalQuery: z.string().trim().min(1, "must not be empty").max(2_000),
  })
  .strict();

// Objectives are stored in parts per million: a percentage has at most four decimals (99.9999%).
const ZObjectivePercent = z
  .number()
  .gt(0, "must be above 0%")
  .lt(100, "must be below 100%: 100% is impossible and every nine costs more")
  .refine((percent) => Math.abs(percent * 10_000 - Math.round(percent * 10_000)) < 1e-6, "must have at most four decimals, e.g. 99.9999");

export const SLO_KINDS = ["availability", "latency"] as const;
export const SLO_WINDOWS = ["rolling_7d", "rolling_28d", "rolling_30d", "calendar_month"] as const;
export const SLI_SOURCES = ["push", "prometheus", "incidents"] as const;

const ZBurnRateFactors = z.tuple([z.number().positive(), z.number().positive(), z.number().positive(), z.number().positive()]);
/** The SLO form's names for the four burn-rate factors, in the order of `burnRateFactors`. */
export const BURN_RATE_FACTOR_FIELDS = ["factor1h", "factor6h", "factor1d", "factor3d"] as const;

const sloFields = {
  name: z.string().trim().min(1, "must not be empty").max(100),
  kind: z.enum(SLO_KINDS),
  /** a percentage such as 99.9 */
  objectivePercent: ZObjectivePercent,
  window: z.enum(SLO_WINDOWS),
  timeZone: ZTimeZone,
  latencyThresholdMs: z.number().int().positive().nullable(),
  description: z.string().trim().max(2_000),
  /** where SLI data comes from: pushed through the API, pulled from Prometheus, or counted from incidents */
  source: z.enum(SLI_SOURCES),
  prometheus: ZPrometheusSource.nullable(),
  /**
   * the four workbook alerts' factors (1 h, 6 h, 1 d, 3 d), used as they are in every window; null:
   * the workbook's 14.4/6/3/1 scaled to the window being evaluated (each calendar month's own length)
   */
  burnRateFactors: ZBurnRateFactors.nullable(),
};

type TSloShape = { kind?: string; latencyThresholdMs?: number | null; source?: string; prometheus?: unknown };
const latencyNeedsThreshold = (slo: TSloShape) => slo.kind !== "latency" || (slo.latencyThresholdMs ?? null) !== null;
const prometheusNeedsQueries = (slo: TSloShape) => slo.source !== "prometheus" || (slo.prometheus ?? null) !== null;

export const ZSloCreate = z
  .object({
    serviceId: z.string().min(1),
    ...sloFields,
    timeZone: sloFields.timeZone.default("UTC"),
    latencyThresholdMs: sloFields.latencyThresholdMs.optional(),
    description: sloFields.description.default(""),
    source: sloFields.source.default("push"),
    prometheus: sloFields.prometheus.optional(),
    burnRateFactors: sloFields.burnRateFactors.optional(),
  })
  .strict()
  .refine(latencyNeedsThreshold, { path: ["latencyThresholdMs"], message: "a latency SLO needs its threshold" })
  .refine(prometheusNeedsQueries, { path: ["prometheus"], message: "a Prometheus SLO needs url, goodQuery and totalQuery" });
export type TSloCreate = z.infer<typeof ZSloCreate>;

/** Any subset of an SLO's fields; the result must still be a whole SLO (checked against the stored one). */
export const ZSloUpdate = z.object(sloFields).partial().strict();
export type TSloUpdate = z.infer<typeof ZSloUpdate>;

const ZBucket = z
  .object({
    minute: z.iso.datetime({ offset: true, message: "must be an ISO 8601 timestamp" }).transform((value) => new Date(value)),
    good: z.number().int().min(0, "must not be negative"),
    total: z.number().int().min(0, "must not be negative"),
  })
  .strict()
  .refine((bucket) => bucket.good <= bucket.total, { path: ["good"], message: "must not exceed total" });

export const ZSliBatch = z.object({ buckets: z.array(ZBucket).min(1).max(10_000) }).strict();
export type TSliBatch = z.infer<typeof ZSliBatch>;

export const ZSloImpactLink = z.object({ sloId: z.string().min(1), impact: z.enum(["degraded", "full_outage"]) }).strict();
export type TSloImpactLink = z.infer<typeof ZSloImpactLink>;

export { latencyNeedsThreshold, prometheusNeedsQueries };
