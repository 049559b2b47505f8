import { db } from "@/lib/db/prisma";
import { parseRetentionEnv } from "@/lib/env/server-env";
import { intakeLimit, intakeMinute, secondsToNextMinute } from "./rules";

export type TIntakeDecision = { admitted: true } | { admitted: false; limit: number; retryAfterSeconds: number; firstRefusal: boolean };

/** FIREBREAK_INTAKE_PER_MINUTE, or null when deliveries are not limited. */
export const intakeLimitPerMinute = () => intakeLimit(parseRetentionEnv(process.env).FIREBREAK_INTAKE_PER_MINUTE);

/**
 * Counts a delivery against its integration's minute and says whether it may be received: the first
 * `perMinute` of a minute are, the rest are refused (and counted as refused, for the integration
 * page). One statement, on a row every app process shares, so the limit holds however many
 * processes receive; the row lock it takes lasts only that statement.
 */
export async function admitDelivery(integrationId: string, now: Date, perMinute: number | null): Promise<TIntakeDecision> {
  if (perMinute === null) return { admitted: true };
  const [counted] = await db().$queryRaw<{ received: number }[]>`
    INSERT INTO "IntakeMinute" AS m ("integrationId", "minute", "received")
    VALUES (${integrationId}, ${intakeMinute(now)}, 1)
    ON CONFLICT ("integrationId", "minute") DO UPDATE SET
      "received" = m."received" + 1,
      "refused" = m."refused" + CASE WHEN m."received" >= ${perMinute} THEN 1 ELSE 0 END,
      "lastRefusedAt" = CASE WHEN m."received" >= ${perMinute} THEN ${now}::timestamp(3) ELSE m."lastRefusedAt" END
    RETURNING m."received"`;
  const received = counted?.received ?? 1;
  if (received <= perMinute) return { admitted: true };
  return { admitted: false, limit: perMinute, retryAfterSeconds: secondsToNextMinute(now), firstRefusal: received === perMinute + 1 };
}
