import { db } from "@/lib/db/prisma";
import { recordNotificationAttempt } from "@/lib/metrics/record";
import type { TContactMethod, TDeliveryResult } from "./deliver";

/** Who an attempt was for: a person through one of their contact methods, or a team through one of its channels. */
export type TAttemptFor = { userId: string; teamId?: undefined; teamChannelId?: undefined } | { userId?: undefined; teamId: string; teamChannelId: string };

/** Records one delivery attempt (the one writer of NotificationAttempt); a failure is also logged in one line. */
export async function recordAttempt(attempt: TAttemptFor & { notificationId: string | null; incidentId: string | null; method: TContactMethod; result: TDeliveryResult; test: boolean; at: Date }) {
  const { result } = attempt;
  const where = attempt.teamChannelId ? `team channel ${attempt.teamChannelId}` : `contact method ${attempt.method.id}`;
  if (!result.ok) console.warn(`[notifications] ${result.channel} to ${where} failed: ${result.error}`);
  // Tests of a contact method are people checking their settings, not deliveries.
  if (!attempt.test) recordNotificationAttempt(result.channel, !result.ok);
  await db().notificationAttempt.create({
    data: {
      userId: attempt.userId ?? null,
      teamId: attempt.teamId ?? null,
      teamChannelId: attempt.teamChannelId ?? null,
      notificationId: attempt.notificationId,
      contactMethodId: attempt.teamChannelId ? null : attempt.method.id,
      incidentId: attempt.incidentId,
      channel: result.channel,
      methodLabel: attempt.method.label,
      test: attempt.test,
      ok: result.ok,
      error: result.error,
      latencyMs: result.latencyMs,
      attemptedAt: attempt.at,
    },
  });
}
