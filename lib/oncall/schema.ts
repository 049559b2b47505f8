import { z } from "zod";
import { ZTimeZone } from "@/lib/clock/time-zone";

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;


const ZSlug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "must be lowercase letters, digits and dashes, e.g. payments-sre");
const ZName = z.string().trim().min(2, "must be at least 2 characters").max(100);
const ZId = z.string().trim().min(1, "is required").max(64);
const ZTimeOfDay = z.string().regex(HHMM, "must be a time of day as HH:MM, e.g. 09:00");

export const ZTeamCreate = z.object({ name: ZName, slug: ZSlug.optional(), timeZone: ZTimeZone, memberIds: z.array(ZId).max(200).default([]) }).strict();
export type TTeamCreate = z.infer<typeof ZTeamCreate>;

export const ZTeamUpdate = z
  .object({ name: ZName.optional(), timeZone: ZTimeZone.optional(), memberIds: z.array(ZId).max(200).optional(), serviceIds: z.array(ZId).max(500).optional() })
  .strict();
export type TTeamUpdate = z.infer<typeof ZTeamUpdate>;

export const SHIFT_HOURS = { daily: 24, weekly: 168 } as const;

export const ZRotationCreate = z
  .object({
    teamId: ZId,
    name: ZName,
    timeZone: ZTimeZone.optional(),
    startDate: z.iso.date("must be a date as YYYY-MM-DD"),
    handoffTime: ZTimeOfDay,
    shiftLength: z.enum(["daily", "weekly", "custom"], "must be daily, weekly or custom"),
    shiftHours: z.number().int("must be a whole number of hours").min(1, "must be at least 1 hour").max(24 * 28, "must be at most 4 weeks").optional(),
    memberIds: z.array(ZId).max(100).default([]),
  })
  .strict()
  .refine((rotation) => rotation.shiftLength !== "custom" || rotation.shiftHours !== undefined, { path: ["shiftHours"], message: "is required for a custom shift length" });
export type TRotationCreate = z.infer<typeof ZRotationCreate>;

export const ZRotationMembers = z.object({ memberIds: z.array(ZId).max(100) }).strict();

export const ZRestriction = z
  .object({
    days: z.array(z.number().int().min(1).max(7), "must list ISO weekdays, 1 = Monday … 7 = Sunday").min(1, "must name at least one weekday").max(7),
    from: ZTimeOfDay,
    to: ZTimeOfDay,
  })
  .strict();
export const ZRestrictions = z.array(ZRestriction).max(14);

export const ZLayerCreate = z
  .object({ rotationId: ZId, name: ZName, restrictionZone: ZTimeZone.optional(), restrictions: ZRestrictions.default([]) })
  .strict();
export type TLayerCreate = z.infer<typeof ZLayerCreate>;

export const ZScheduleCreate = z.object({ teamId: ZId, name: ZName }).strict();
export type TScheduleCreate = z.infer<typeof ZScheduleCreate>;

export const ZOverrideCreate = z
  .object({
    kind: z.enum(["add", "remove", "replace"], "must be add, remove or replace"),
    userId: ZId.nullable().default(null),
    replacesUserId: ZId.nullable().default(null),
    startsAt: z.coerce.date("must be an instant, e.g. 2027-01-05T09:00:00Z"),
    endsAt: z.coerce.date("must be an instant, e.g. 2027-01-05T18:00:00Z"),
    note: z.string().trim().max(500).default(""),
  })
  .strict()
  .refine((override) => override.endsAt.getTime() > override.startsAt.getTime(), { path: ["endsAt"], message: "must be after startsAt" })
  .refine((override) => override.kind === "remove" || override.userId !== null, { path: ["userId"], message: "must name who is on call for add and replace" })
  .refine((override) => override.kind === "add" || override.replacesUserId !== null, { path: ["replacesUserId"], message: "must name who is covered for remove and replace" })
  .refine((override) => override.endsAt.getTime() - override.startsAt.getTime() <= 90 * 86_400_000, { path: ["endsAt"], message: "must be at most 90 days after startsAt" });
export type TOverrideCreate = z.infer<typeof ZOverrideCreate>;

/** A calendar range for shift listings: at most 62 days so a month view and its edges fit. */
export const ZShiftRange = z
  .object({ from: z.coerce.date("must be an instant"), to: z.coerce.date("must be an instant") })
  .strict()
  .refine((range) => range.to.getTime() > range.from.getTime(), { path: ["to"], message: "must be after from" })
  .refine((range) => range.to.getTime() - range.from.getTime() <= 62 * 86_400_000, { path: ["to"], message: "must be at most 62 days after from" });

export const ZOnCallQuery = z.object({ service: z.string("is required: a service slug").trim().min(1, "is required: a service slug") }).strict();
export const ZAtQuery = z.object({ at: z.coerce.date("must be an instant").optional() }).strict();

/** The contact-method kinds that make sense for a shared channel: a chat room or a topic, not a person's phone or inbox. */
export const TEAM_CHANNEL_KINDS = ["slack", "teams", "chatwork", "ntfy", "webhook"] as const;
export type TTeamChannelKind = (typeof TEAM_CHANNEL_KINDS)[number];
export const MAX_TEAM_CHANNELS = 10;

/** A team channel; `target` is checked against lib/notifications' TARGET_SCHEMAS for the kind by the service. */
export const ZTeamChannelCreate = z
  .object({
    kind: z.enum(TEAM_CHANNEL_KINDS, "must be one of slack, teams, chatwork, ntfy, webhook"),
    label: z.string("is required").trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
    target: z.record(z.string(), z.unknown(), "must be an object of the kind's fields, e.g. { \"conversation\": \"C024BE91L\" }").default({}),
    locale: z.enum(["en", "ja"], "must be en or ja").default("en"),
  })
  .strict();
export type TTeamChannelCreate = z.infer<typeof ZTeamChannelCreate>;

/** A schedule's settings: how long before a shift its incoming person is reminded (0: never). */
export const ZScheduleUpdate = z
  .object({ reminderMinutes: z.coerce.number("must be a number of minutes").int("must be whole minutes").min(0, "must be 0 (off) or more").max(24 * 60, "must be at most 1440 (a day)") })
  .strict();
export type TScheduleUpdate = z.infer<typeof ZScheduleUpdate>;
