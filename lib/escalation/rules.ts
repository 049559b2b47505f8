import type { EscalationUrgency } from "@/lib/generated/prisma/enums";
import { BURN_RATE_LEVELS, type TUrgencySettings, type TWorkingHours } from "./schema";
import { nextWorkingInstant } from "./working-hours";

// The escalation's timing as pure functions of the run's position, the policy and `now`; the
// worker (worker.ts) stores what they return.

const MINUTE_MS = 60_000;

/** Where a run stands: the pass over the policy and the step notified when it is next due. */
export type TRunPosition = { round: number; nextStep: number };

/** What the rules need of a policy: each step's delay, in order, and how often the whole repeats. */
export type TPolicyTiming = { stepDelaysMinutes: number[]; repeatCount: number };

export type TDueStep = { kind: "notify"; round: number; step: number } | { kind: "exhausted" };

/**
 * What a due run does now: notify its next step, wrap round to the first step of the next pass while
 * passes remain (the policy runs 1 + repeatCount times), or stop as exhausted once the last step of
 * the last pass has had its wait without an acknowledgement.
 */
export function dueStep(position: TRunPosition, policy: TPolicyTiming): TDueStep {
  const steps = policy.stepDelaysMinutes.length;
  if (steps === 0) return { kind: "exhausted" };
  if (position.nextStep < steps) return { kind: "notify", round: position.round, step: position.nextStep };
  if (position.round < policy.repeatCount) return { kind: "notify", round: position.round + 1, step: 0 };
  return { kind: "exhausted" };
}

/**
 * When a notification of this urgency may go out, at `earliest` or later: high urgency at once, day
 * and night; low urgency only inside the working hours, so at night or at a weekend it waits for the
 * next working-hours start (a Friday-evening ticket waits until Monday morning).
 */
export function notificationTime(earliest: Date, urgency: EscalationUrgency, hours: TWorkingHours): Date {
  return urgency === "high" ? earliest : nextWorkingInstant(earliest, hours);
}

/** After a step was notified at `now`: the step after it, due once the step's delay has passed without an acknowledgement. */
export function positionAfterNotifying(
  notified: { round: number; step: number },
  policy: TPolicyTiming,
  urgency: EscalationUrgency,
  hours: TWorkingHours,
  now: Date,
): TRunPosition & { nextDueAt: Date } {
  const delayMinutes = policy.stepDelaysMinutes[notified.step] ?? 0;
  return {
    round: notified.round,
    nextStep: notified.step + 1,
    nextDueAt: notificationTime(new Date(now.getTime() + delayMinutes * MINUTE_MS), urgency, hours),
  };
}

/** A run starting now notifies its first step as soon as its urgency allows. */
export const firstDueAt = (urgency: EscalationUrgency, hours: TWorkingHours, now: Date) => notificationTime(now, urgency, hours);

/**
 * "Escalate now": the next step is due at once, whatever the urgency (a person asked for it).
 * Null when the run has nothing left to escalate to, so the caller can say so.
 */
export function escalatedNow(position: TRunPosition, policy: TPolicyTiming, now: Date): Date | null {
  return dueStep(position, policy).kind === "notify" ? now : null;
}

/** The part of an alert that decides its urgency. */
export type TUrgencySignal = { source: string; level: string | null; labels: Record<string, unknown> };

/**
 * Urgency from the error budget: Firebreak's own burn-rate alerts carry the workbook level they
 * were raised at (`notify: page` for fast burns — 14.4× over 1 h and 5 m, 6× over 6 h and 30 m;
 * `ticket` for slow ones — 3× over 1 d, 1× over 3 d), other senders' alerts their level. A level the
 * service lists as paging is high urgency; anything else is low. An alert without a level pages,
 * since nothing says it can wait.
 */
export function alertUrgency(alert: TUrgencySignal, settings: TUrgencySettings): EscalationUrgency {
  const burnLevel = alert.source === "slo" ? (BURN_RATE_LEVELS as readonly unknown[]).find((level) => level === alert.labels.notify) : undefined;
  if (burnLevel) return (settings.pageBurnRateLevels as readonly unknown[]).includes(burnLevel) ? "high" : "low";
  if (alert.level === null) return "high";
  return (settings.pageAlertLevels as readonly string[]).includes(alert.level) ? "high" : "low";
}

/** Time to acknowledge, in whole seconds since the incident was detected (opened). */
export const secondsToAcknowledge = (detectedAt: Date, acknowledgedAt: Date) => Math.max(0, Math.round((acknowledgedAt.getTime() - detectedAt.getTime()) / 1000));
