import { z } from "zod";
import { INCIDENT_ROLES, INCIDENT_STATUSES, SEVERITIES } from "./rules";

const ZTimestamp = z.iso
  .datetime({ offset: true, message: "must be an ISO 8601 timestamp such as 2026-11-24T10:15:00Z" })
  .transform((value) => new Date(value));

export const ZSeverity = z.enum(SEVERITIES);
export const ZIncidentStatus = z.enum(INCIDENT_STATUSES);
export const ZIncidentRole = z.enum(INCIDENT_ROLES);

export const ZIncidentDeclare = z.strictObject({
  title: z.string().trim().min(3, "must be at least 3 characters").max(200),
  severity: ZSeverity,
  serviceIds: z.array(z.string().min(1)).max(20).default([]),
  summary: z.string().trim().max(20_000).default(""),
  startedAt: ZTimestamp.optional(),
  detectedAt: ZTimestamp.optional(),
  /** false: the declarer takes command and nobody is paged, even for services with an escalation policy (default true) */
  pageOnCall: z.boolean().optional(),
});
export type TIncidentDeclare = z.infer<typeof ZIncidentDeclare>;

export const ZIncidentUpdate = z
  .object({
    title: z.string().trim().min(3, "must be at least 3 characters").max(200),
    severity: ZSeverity,
    status: ZIncidentStatus,
    summary: z.string().trim().max(20_000),
    serviceIds: z.array(z.string().min(1)).max(20),
  })
  .partial()
  .strict()
  .refine((update) => Object.keys(update).length > 0, "send at least one of title, severity, status, summary, serviceIds");
export type TIncidentUpdate = z.infer<typeof ZIncidentUpdate>;

export const ZRoleAssign = z.object({ role: ZIncidentRole, userId: z.string().min(1) }).strict();
export type TRoleAssign = z.infer<typeof ZRoleAssign>;

export const ZTimelineEntryId = z
  .string()
  .regex(/^\d{1,18}$/, "must be a timeline entry id")
  .transform(BigInt);

export const ZNoteBody = z.object({ body: z.string().trim().min(1, "must not be empty").max(10_000) }).strict();

export const ZIncidentListFilter = z.strictObject({
  status: z.union([ZIncidentStatus, z.enum(["open", "all"])]).default("all"),
  severity: ZSeverity.optional(),
  service: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type TIncidentListFilter = z.infer<typeof ZIncidentListFilter>;
