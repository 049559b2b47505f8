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

/**
 * What a change was based on (compare-and-set): the status and severity the person saw. A change is
 * refused with 409 `stale_change` when either differs from the current value.
 */
const ZSeen = {
  expectedStatus: ZIncidentStatus.optional(),
  expectedSeverity: ZSeverity.optional(),
};

const UPDATABLE_FIELDS = ["title", "severity", "status", "summary", "serviceIds"] as const;

export const ZIncidentUpdate = z
  .object({
    title: z.string().trim().min(3, "must be at least 3 characters").max(200),
    severity: ZSeverity,
    status: ZIncidentStatus,
    summary: z.string().trim().max(20_000),
    serviceIds: z.array(z.string().min(1)).max(20),
  })
  .partial()
  .extend(ZSeen)
  .strict()
  .refine((update) => UPDATABLE_FIELDS.some((field) => update[field] !== undefined), "send at least one of title, severity, status, summary, serviceIds");
export type TIncidentUpdate = z.infer<typeof ZIncidentUpdate>;

/** Resolving from the room: the summary of how it ended, from the status the person saw. */
export const ZIncidentResolve = z.strictObject({
  summary: z.string().trim().min(1, "say how the incident was resolved").max(10_000),
  expectedStatus: ZIncidentStatus.optional(),
});
export type TIncidentResolve = z.infer<typeof ZIncidentResolve>;

export const ZRoleAssign = z
  .object({
    role: ZIncidentRole,
    userId: z.string().min(1),
    /** who the person saw holding the role (null: nobody): refused with 409 when someone else holds it now */
    expectedHolderId: z.string().min(1).nullable().optional(),
  })
  .strict();
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
