import { z } from "zod";
import { INCIDENT_STATUSES } from "@/lib/incidents/rules";
import { ZIncidentResolve } from "@/lib/incidents/schema";

export const ZStakeholderUpdate = z
  .object({
    status: z.enum(INCIDENT_STATUSES),
    impact: z.string().trim().min(1, "say who or what is affected").max(2_000),
    message: z.string().trim().min(1, "must not be empty").max(10_000),
    /** 0: no next update promised */
    nextUpdateInMinutes: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60),
  })
  .strict();
export type TStakeholderUpdate = z.infer<typeof ZStakeholderUpdate>;

export const ZOutgoingWebhookCreate = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(100),
    kind: z.enum(["slack", "generic"]),
    url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }),
  })
  .strict();
export type TOutgoingWebhookCreate = z.infer<typeof ZOutgoingWebhookCreate>;

/** Resolving from the room; `finalUpdateImpact` (absent: no final update) publishes the final stakeholder update. */
export const ZIncidentResolution = ZIncidentResolve.extend({ finalUpdateImpact: z.string().trim().min(1).max(2_000).optional() }).strict();
export type TIncidentResolution = z.infer<typeof ZIncidentResolution>;
