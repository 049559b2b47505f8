import { z } from "zod";
import { ZTimeZone } from "@/lib/clock/time-zone";


const ZClockTime = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day such as 09:00");
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** When low-urgency notifications may go out: these ISO weekdays (1 = Monday), start–end, in the zone. */
export const ZWorkingHours = z
  .object({
    timeZone: ZTimeZone,
    days: z.array(z.number().int().min(1).max(7)).min(1, "must name at least one working day").max(7),
    start: ZClockTime,
    end: ZClockTime,
  })
  .strict()
  .refine((hours) => minutesOf(hours.start) < minutesOf(hours.end), { message: "must end after it starts, on the same day", path: ["end"] });
export type TWorkingHours = z.infer<typeof ZWorkingHours>;

export const DEFAULT_WORKING_HOURS: TWorkingHours = { timeZone: "UTC", days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" };

export const ALERT_LEVELS = ["critical", "error", "warning", "info"] as const;
/** The levels of the SRE workbook's burn-rate alerts (lib/slo/rules.ts WORKBOOK_BURN_RATE_ALERTS). */
export const BURN_RATE_LEVELS = ["page", "ticket"] as const;

/**
 * Per service: which alerts page (high urgency: notified day and night, escalating until someone
 * acknowledges) and the working hours everything else (low urgency) waits for.
 */
export const ZUrgencySettings = z
  .object({
    pageAlertLevels: z.array(z.enum(ALERT_LEVELS)).max(4).default(["critical", "error"]),
    pageBurnRateLevels: z.array(z.enum(BURN_RATE_LEVELS)).max(2).default(["page"]),
    workingHours: ZWorkingHours.default(DEFAULT_WORKING_HOURS),
  })
  .strict();
export type TUrgencySettings = z.infer<typeof ZUrgencySettings>;

export const ZStepTarget = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), userId: z.string().min(1) }).strict(),
  /** whoever the schedule has on call when the step is notified (lib/oncall) */
  z.object({ kind: z.literal("schedule"), scheduleId: z.string().min(1) }).strict(),
  /** the team's channel (chat, webhook), as configured for the team */
  z.object({ kind: z.literal("team_channel"), teamId: z.string().min(1) }).strict(),
]);
export type TStepTarget = z.infer<typeof ZStepTarget>;

export const MAX_STEPS = 10;
export const MAX_REPEATS = 9;

export const ZEscalationStep = z
  .object({
    /** minutes to wait for an acknowledgement before the next step */
    delayMinutes: z.number().int().min(1, "must be at least 1 minute").max(24 * 60, "must be at most 1440 minutes (a day)"),
    targets: z.array(ZStepTarget).min(1, "a step must notify at least one target").max(10),
  })
  .strict();

export const ZEscalationPolicy = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(100),
    description: z.string().trim().max(2_000).default(""),
    teamId: z.string().min(1).nullable().default(null),
    /** how many times the whole policy runs again after its first pass */
    repeatCount: z.number().int().min(0).max(MAX_REPEATS, `must be at most ${MAX_REPEATS}`),
    steps: z.array(ZEscalationStep).min(1, "a policy needs at least one step").max(MAX_STEPS, `at most ${MAX_STEPS} steps`),
  })
  .strict();
export type TEscalationPolicyInput = z.infer<typeof ZEscalationPolicy>;

/** Stored targets, read back: an unreadable entry is dropped rather than stopping the escalation. */
export function parseStepTargets(value: unknown): TStepTarget[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((target) => {
    const parsed = ZStepTarget.safeParse(target);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Stored settings, read back: anything unreadable falls back to the defaults. */
export function parseUrgencySettings(value: unknown): TUrgencySettings {
  const parsed = ZUrgencySettings.safeParse(value ?? {});
  return parsed.success ? parsed.data : ZUrgencySettings.parse({});
}

/** What pressing a one-tap link's button did, for the page to show (null until pressed). */
export type TLinkResult = { outcome: string; reference?: string; by?: string; reason?: string } | null;
