import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { ZTimeZone } from "@/lib/clock/time-zone";

export const ZOrgRole = z.enum(["admin", "responder", "viewer"]);

export const ZUserCreate = z
  .object({
    email: z.email("must be an email address").transform((email) => email.toLowerCase()),
    name: z.string().trim().min(1, "must not be empty").max(100),
    role: ZOrgRole,
    password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200),
  })
  .strict();
export type TUserCreate = z.infer<typeof ZUserCreate>;

export const ZUserUpdate = z
  .object({ role: ZOrgRole, disabled: z.boolean() })
  .partial()
  .strict()
  .refine((update) => Object.keys(update).length > 0, "send role and/or disabled");
export type TUserUpdate = z.infer<typeof ZUserUpdate>;

/** The longest expiry a token may be given; without one it works until revoked. */
export const MAX_TOKEN_DAYS = 3650;

export const ZApiTokenCreate = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(100),
    expiresInDays: z.number().int("must be a whole number of days").min(1).max(MAX_TOKEN_DAYS).optional(),
  })
  .strict();

/** A profile's time zone: an IANA zone, or empty for "my browser's zone". */
export const ZTimeZoneChoice = z.union([z.literal("").transform(() => null), ZTimeZone]);
