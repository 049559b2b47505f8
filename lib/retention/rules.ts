import type { TRetentionEnv } from "@/lib/env/schema";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Processes' clocks differ a little: a counter row stays this long after its minute.
const COUNTER_MINUTE_MARGIN_MS = 5 * MINUTE;

/** What retention keeps; null days mean "forever". */
export type TRetentionSettings = {
  rejectedDays: number | null;
  payloadDays: number | null;
  sliMinuteWindows: number;
};

export function retentionSettings(env: TRetentionEnv): TRetentionSettings {
  const days = (value: number) => (value === 0 ? null : value);
  return {
    rejectedDays: days(env.FIREBREAK_RETAIN_REJECTED_DAYS),
    payloadDays: days(env.FIREBREAK_RETAIN_PAYLOAD_DAYS),
    sliMinuteWindows: env.FIREBREAK_RETAIN_SLI_MINUTE_WINDOWS,
  };
}

const daysBefore = (now: Date, days: number | null) => (days === null ? null : new Date(now.getTime() - days * DAY));

/**
 * Alert deliveries due at `now`: rejected ones received before `rejectedBefore` are deleted;
 * accepted ones received before `payloadBefore` lose their payload (the row stays, alerts point at it).
 */
export function deliveryCutoffs(now: Date, settings: TRetentionSettings): { rejectedBefore: Date | null; payloadBefore: Date | null } {
  return { rejectedBefore: daysBefore(now, settings.rejectedDays), payloadBefore: daysBefore(now, settings.payloadDays) };
}

/**
 * Intake counters due at `now`: a minute nothing was refused in is needed only while it lasts; one
 * with refusals stands for deliveries that were turned away, and is kept as long as rejected
 * deliveries are (the integration page counts them).
 */
export function intakeCounterCutoffs(now: Date, settings: TRetentionSettings): { quietBefore: Date; refusedBefore: Date | null } {
  return {
    quietBefore: new Date(Math.floor(now.getTime() / MINUTE) * MINUTE - COUNTER_MINUTE_MARGIN_MS),
    refusedBefore: daysBefore(now, settings.rejectedDays),
  };
}
