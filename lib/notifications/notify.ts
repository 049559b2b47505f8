import { db } from "@/lib/db/prisma";
import { poolSql } from "@/lib/db/sql";
import { DomainError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publicUrl } from "@/lib/http/public-url";
import { LOCALES, type TLocale } from "@/lib/i18n/translate";
import { startPeriodicJob } from "@/lib/jobs/periodic";
import { recordAttempt } from "./attempts";
import { deliverToMethod, type TContactMethod, type TDeliveryResult } from "./deliver";
import { dueRules, nextDueOffsetMs, TEST_LIMIT, testRetryAfterSeconds, type TRule } from "./rules";
import { CHANNEL_OF_METHOD, ZNotificationBody, type TNotification, type TNotificationBody, type TUrgency } from "./schema";

// A notification being worked on is not picked up by another process for this long, so a process
// that dies while sending only delays the next rule.
const WORK_LEASE_MS = 60_000;

export type TAttemptOutcome = TDeliveryResult & { contactMethodId: string; methodLabel: string };

export const recipientLocale = (locale: string): TLocale => ((LOCALES as readonly string[]).includes(locale) ? (locale as TLocale) : "en");

/** triedRuleIds holds "<rule id>:ok" or "<rule id>:failed". */
function triedMap(entries: readonly string[]): Map<string, boolean> {
  return new Map(entries.map((entry) => [entry.slice(0, entry.lastIndexOf(":")), entry.endsWith(":ok")]));
}

type TWorkRow = {
  userId: string;
  incidentId: string | null;
  urgency: TUrgency;
  content: unknown;
  startedAt: Date;
  stopped: boolean;
  triedRuleIds: string[];
  name: string;
  email: string;
  locale: string;
  disabled: boolean;
  incidentHandled: boolean;
  rules: (TRule & { method: TContactMethod })[];
};

/**
 * A notification with its person, their rules and whether its incident is handled, in one statement
 * through the pg driver: a burst of incidents notifies a person each at once (decision 026).
 */
async function loadWork(notificationId: string): Promise<TWorkRow> {
  const [row] = await poolSql()<TWorkRow>`
    SELECT notification."userId", notification."incidentId", notification."urgency"::text AS "urgency", notification."content", notification."startedAt",
      notification."stoppedAt" IS NOT NULL AS "stopped", notification."triedRuleIds",
      person."name", person."email", person."locale", person."disabledAt" IS NOT NULL AS "disabled",
      COALESCE(incident."acknowledgedAt" IS NOT NULL OR incident."status"::text IN ('resolved', 'closed'), false) AS "incidentHandled",
      COALESCE((
        SELECT json_agg(json_build_object(
          'id', rule."id", 'contactMethodId', rule."contactMethodId", 'urgency', rule."urgency", 'delayMinutes', rule."delayMinutes",
          'method', json_build_object('id', method."id", 'kind', method."kind", 'label', method."label", 'target', method."target")
        ) ORDER BY rule."createdAt", rule."id")
        FROM "NotificationRule" rule JOIN "ContactMethod" method ON method."id" = rule."contactMethodId"
        WHERE rule."userId" = notification."userId"
      ), '[]'::json) AS "rules"
    FROM "UserNotification" notification
      JOIN "User" person ON person."id" = notification."userId"
      LEFT JOIN "Incident" incident ON incident."id" = notification."incidentId"
    WHERE notification."id" = ${notificationId}`;
  if (!row) throw new Error(`notification ${notificationId} is gone`);
  return row;
}

/** Sends whatever is due for one notification (falling through failed rules at once) and books the next due time. */
async function work(notificationId: string, now: Date): Promise<TAttemptOutcome[]> {
  const notification = await loadWork(notificationId);
  const outcomes: TAttemptOutcome[] = [];
  if (notification.stopped || notification.disabled) {
    await db().userNotification.update({ where: { id: notificationId }, data: { nextDueAt: null } });
    return outcomes;
  }
  // Someone acknowledged (in the room, from a link, anywhere) or the incident ended: later rules stop
  // here even when nothing called stopNotifications, so nobody is woken for a handled incident.
  if (notification.incidentHandled) {
    await db().userNotification.update({ where: { id: notificationId }, data: { stoppedAt: now, nextDueAt: null } });
    return outcomes;
  }
  const content: TNotificationBody = ZNotificationBody.parse(notification.content);
  const recipient = { name: notification.name, email: notification.email, locale: recipientLocale(notification.locale) };
  const { rules } = notification;
  const tried = [...notification.triedRuleIds];
  const elapsedMs = now.getTime() - notification.startedAt.getTime();
  for (
    let due = dueRules(rules, notification.urgency, elapsedMs, triedMap(tried));
    due.length > 0;
    due = dueRules(rules, notification.urgency, elapsedMs, triedMap(tried))
  ) {
    const results = await Promise.all(
      (due as typeof rules).map(async (rule) => {
        const result = await deliverToMethod(rule.method, content, notification.urgency, recipient, now);
        await recordAttempt({
          userId: notification.userId,
          notificationId,
          incidentId: notification.incidentId,
          method: rule.method,
          result,
          test: false,
          at: now,
        });
        return { rule, result };
      }),
    );
    for (const { rule, result } of results) {
      tried.push(`${rule.id}:${result.ok ? "ok" : "failed"}`);
      outcomes.push({ ...result, contactMethodId: rule.method.id, methodLabel: rule.method.label });
    }
    // Recorded before the next round, so a process dying here never sends these rules again.
    await db().userNotification.update({ where: { id: notificationId }, data: { triedRuleIds: tried } });
  }
  const nextOffset = nextDueOffsetMs(rules, notification.urgency, triedMap(tried));
  await db().userNotification.update({
    where: { id: notificationId },
    data: { triedRuleIds: tried, nextDueAt: nextOffset === null ? null : new Date(notification.startedAt.getTime() + nextOffset) },
  });
  return outcomes;
}

/**
 * Notifies a user about an incident (or a shift change) by their rules for this urgency: the rules due at once are
 * sent now (a failing method falls through to the next rule at once); later rules are sent by the
 * background job as they fall due, until `stopNotifications` (an acknowledgement). Every attempt
 * is recorded. Never throws: an escalation step must go on whatever a channel or this does.
 */
export async function notifyUser(
  userId: string,
  notification: TNotificationBody,
  urgency: TUrgency,
  now = new Date(),
): Promise<{ notificationId: string | null; attempts: TAttemptOutcome[] }> {
  try {
    const content = ZNotificationBody.parse(notification);
    const created = await db().userNotification.create({
      data: {
        userId,
        incidentId: content.type === "shift" ? null : content.incident.id,
        urgency,
        content: content as Prisma.InputJsonObject,
        startedAt: now,
        nextDueAt: new Date(now.getTime() + WORK_LEASE_MS),
      },
    });
    return { notificationId: created.id, attempts: await work(created.id, now) };
  } catch (error) {
    console.error(`[notifications] notifying user ${userId} failed: ${error instanceof Error ? error.message : String(error)}`);
    return { notificationId: null, attempts: [] };
  }
}

/** Stops the later rules of a user's (or everyone's) notifications about an incident: someone acknowledged. */
export async function stopNotifications(where: { incidentId: string; userId?: string }, now = new Date()): Promise<number> {
  const { count } = await db().userNotification.updateMany({ where: { ...where, stoppedAt: null }, data: { stoppedAt: now, nextDueAt: null } });
  return count;
}

/** Works every notification whose next rule is due; SKIP LOCKED lets several app processes share the work. */
export async function sendDueNotifications(now = new Date()): Promise<number> {
  const claimed = await db().$queryRaw<{ id: string }[]>`
    UPDATE "UserNotification" SET "nextDueAt" = ${new Date(now.getTime() + WORK_LEASE_MS)}
    WHERE "id" IN (
      SELECT "id" FROM "UserNotification" WHERE "stoppedAt" IS NULL AND "nextDueAt" <= ${now}
      ORDER BY "nextDueAt" LIMIT 50 FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`;
  for (const { id } of claimed) await work(id, now);
  return claimed.length;
}

export const startNotificationJob = () => startPeriodicJob({ name: "notifications", everyMs: 10_000, runAtStart: true, run: () => sendDueNotifications() });

/** A test notification to one of the actor's contact methods, recorded like any attempt. */
export async function sendTestNotification(userId: string, contactMethodId: string, now = new Date()): Promise<TAttemptOutcome> {
  const method = await db().contactMethod.findFirst({
    where: { id: contactMethodId, userId },
    include: { user: { select: { name: true, email: true, locale: true } } },
  });
  if (!method) throw notFound("contactMethod");
  const locale = recipientLocale(method.user.locale);
  const test: TNotification = {
    incident: {
      id: null,
      reference: "INC-0",
      title: locale === "ja" ? "通知のテスト" : "Notification test",
      severity: "SEV3",
      status: "investigating",
      services: [],
    },
    firstAlert: null,
    links: { open: publicUrl("/settings/notifications"), acknowledge: null, escalate: null },
    test: true,
  };
  const target = { id: method.id, kind: method.kind, label: method.label, target: method.target };
  const attemptId = await reserveTestSend(userId, target, now);
  const result = await deliverToMethod(target, test, "high", { name: method.user.name, email: method.user.email, locale }, now);
  if (!result.ok) console.warn(`[notifications] test ${result.channel} to contact method ${method.id} failed: ${result.error}`);
  await db().notificationAttempt.update({ where: { id: attemptId }, data: { ok: result.ok, error: result.error, latencyMs: result.latencyMs } });
  return { ...result, contactMethodId: method.id, methodLabel: method.label };
}

/**
 * Books one test send as an attempt before it is made, with the person's row locked so that
 * parallel requests count each other, or refuses with 429: a phone number on a contact method can
 * be anyone's, and tests must not turn Firebreak into an SMS or call bomber.
 */
async function reserveTestSend(userId: string, method: TContactMethod, now: Date): Promise<string> {
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
    const recent = await tx.notificationAttempt.findMany({
      where: { userId, test: true, attemptedAt: { gt: new Date(now.getTime() - TEST_LIMIT.windowMs) } },
      orderBy: { attemptedAt: "asc" },
      select: { attemptedAt: true },
    });
    const retryAfterSeconds = testRetryAfterSeconds(
      recent.map((attempt) => attempt.attemptedAt),
      now,
    );
    if (retryAfterSeconds !== null) {
      throw new DomainError(
        429,
        "rate_limited",
        "errors.notify.testLimit",
        { count: TEST_LIMIT.count, minutes: TEST_LIMIT.windowMs / 60_000, seconds: retryAfterSeconds },
        { retryAfterSeconds },
      );
    }
    const attempt = await tx.notificationAttempt.create({
      data: {
        userId,
        contactMethodId: method.id,
        channel: CHANNEL_OF_METHOD[method.kind],
        methodLabel: method.label,
        test: true,
        ok: false,
        latencyMs: 0,
        attemptedAt: now,
      },
    });
    return attempt.id;
  });
}
