import { z } from "zod";

export const ZSloCreate = z
  .object({
    serviceId: z.string().min(1),
    name: z.string().trim().min(1, "must not be empty").max(100),
    kind: z.enum(["availability", "latency"]),
    /** a percentage such as 99.9 */
    objectivePercent: z.number().gt(0, "must be above 0%").lt(100, "must be below 100%: 100% is impossible and every nine costs more"),
    window: z.enum(["rolling_7d", "rolling_28d", "rolling_30d", "calendar_month"]),
    timeZone: z
      .string()
      .default("UTC")
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, "must be an IANA time zone such as Asia/Tokyo"),
    latencyThresholdMs: z.number().int().positive().optional(),
    description: z.string().trim().max(2_000).default(""),
  })
  .strict()
  .refine((slo) => slo.kind !== "latency" || slo.latencyThresholdMs !== undefined, {
    path: ["latencyThresholdMs"],
    message: "a latency SLO needs its threshold",
  });
export type TSloCreate = z.infer<typeof ZSloCreate>;

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
