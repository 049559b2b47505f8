import { poolSql } from "@/lib/db/sql";
import type { EscalationUrgency, IncidentStatus, Severity } from "@/lib/generated/prisma/enums";
import { publicUrl } from "@/lib/http/public-url";
import { incidentReference } from "@/lib/incidents/rules";
import { createActionLinks } from "./action-tokens";

// Hands the outbox's rows to the channels. Rows are claimed under a lease (SKIP LOCKED), so two
// processes never hand one row over twice at once, and a process that dies mid-delivery only delays
// it by the lease. Delivery never holds up escalation: the next step is due whatever happens here.

export type TEscalationRecipient = { kind: "user"; userId: string } | { kind: "team_channel"; teamId: string };

/** What a notification says: the incident, why it is sent, and one-tap links for a person. */
export type TEscalationNotice = {
  incident: {
    id: string;
    reference: string;
    title: string;
    severity: Severity;
    status: IncidentStatus;
    url: string;
    services: string[];
    /** the alert that fired first, with its links (runbook, dashboard) */
    firstAlert: { title: string; source: string; links: { href: string; text: string }[] } | null;
  };
  urgency: EscalationUrgency;
  /** 1-based, as people count */
  step: number;
  round: number;
  /** for a person: acknowledge and escalate-now links that work without signing in */
  actions: { acknowledgeUrl: string; escalateUrl: string } | null;
};

/** Sends one notification; throws when the channel refused it. */
export type TDeliver = (recipient: TEscalationRecipient, notice: TEscalationNotice) => Promise<void>;

const BATCH = 20;
const LEASE_MS = 60_000;
export const MAX_DELIVERY_ATTEMPTS = 3;
const retryDelayMs = (attempt: number) => 15_000 * 2 ** (attempt - 1);

async function claimDue(now: Date, limit: number) {
  return poolSql()<{ id: string; attempts: number }>`
    UPDATE "EscalationNotification" SET "nextAttemptAt" = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamp(3)
    WHERE "id" IN (
      SELECT "id" FROM "EscalationNotification" WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now.toISOString()}::timestamp(3)
      ORDER BY "nextAttemptAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "attempts"`;
}

/** Books what became of one attempt: one statement through the pg driver (a burst hands over a hundred). */
function recordAttempt(
  id: string,
  outcome: { status: "skipped" } | { status: "delivered" | "pending" | "failed"; attempts: number; lastError: string; at: Date; nextAttemptAt?: Date },
) {
  if (outcome.status === "skipped") return poolSql()`UPDATE "EscalationNotification" SET "status" = 'skipped' WHERE "id" = ${id}`;
  const deliveredAt = outcome.status === "delivered" ? outcome.at.toISOString() : null;
  const nextAttemptAt = outcome.nextAttemptAt?.toISOString() ?? null;
  return poolSql()`
    UPDATE "EscalationNotification" SET "status" = ${outcome.status}::"EscalationNotificationStatus", "attempts" = ${outcome.attempts}, "lastError" = ${outcome.lastError},
      "deliveredAt" = COALESCE(${deliveredAt}::timestamp(3), "deliveredAt"), "nextAttemptAt" = COALESCE(${nextAttemptAt}::timestamp(3), "nextAttemptAt")
    WHERE "id" = ${id}`;
}

function linksOf(value: unknown): { href: string; text: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((link) =>
    link && typeof link === "object" && typeof (link as { href?: unknown }).href === "string"
      ? [{ href: (link as { href: string }).href, text: String((link as { text?: unknown }).text ?? "") }]
      : [],
  );
}

type TNoticeRow = {
  userId: string | null;
  teamId: string | null;
  urgency: EscalationUrgency;
  step: number;
  round: number;
  runId: string;
  runStatus: string;
  incidentId: string;
  number: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  acknowledged: boolean;
  services: string[];
  firstAlert: { title: string; source: string; links: unknown } | null;
};

/**
 * The notice for one row, or null when it should no longer go out (acknowledged, ended, stopped).
 * One statement through the pg driver: a burst of incidents has a notice each (decision 026).
 */
async function noticeFor(notificationId: string, now: Date): Promise<{ recipient: TEscalationRecipient; notice: TEscalationNotice } | null> {
  const sql = poolSql();
  const [row] = await sql<TNoticeRow>`
    SELECT notification."userId", notification."teamId", notification."urgency"::text AS "urgency", notification."step", notification."round",
      run."id" AS "runId", run."status"::text AS "runStatus",
      incident."id" AS "incidentId", incident."number", incident."title", incident."severity"::text AS "severity", incident."status"::text AS "status",
      incident."acknowledgedAt" IS NOT NULL AS "acknowledged",
      ARRAY(SELECT service."name" FROM "IncidentService" link JOIN "Service" service ON service."id" = link."serviceId"
        WHERE link."incidentId" = incident."id" ORDER BY service."name") AS "services",
      (SELECT json_build_object('title', alert."title", 'source', alert."source", 'links', alert."links") FROM "Alert" alert
        WHERE alert."incidentId" = incident."id" ORDER BY alert."firstSeenAt" LIMIT 1) AS "firstAlert"
    FROM "EscalationNotification" notification
      JOIN "EscalationRun" run ON run."id" = notification."runId"
      JOIN "Incident" incident ON incident."id" = run."incidentId"
    WHERE notification."id" = ${notificationId}`;
  if (!row) throw new Error(`escalation notification ${notificationId} is gone`);
  if (row.acknowledged || ["resolved", "closed"].includes(row.status) || ["acknowledged", "cancelled"].includes(row.runStatus)) return null;
  const reference = incidentReference(row.number);
  const actions = row.userId ? await createActionLinks(sql, { runId: row.runId, incidentId: row.incidentId, userId: row.userId, notificationId }, now) : null;
  return {
    recipient: row.userId ? { kind: "user", userId: row.userId } : { kind: "team_channel", teamId: row.teamId as string },
    notice: {
      incident: {
        id: row.incidentId,
        reference,
        title: row.title,
        severity: row.severity,
        status: row.status,
        url: publicUrl(`/incidents/${reference}`),
        services: row.services,
        firstAlert: row.firstAlert ? { title: row.firstAlert.title, source: row.firstAlert.source, links: linksOf(row.firstAlert.links) } : null,
      },
      urgency: row.urgency,
      step: row.step + 1,
      round: row.round + 1,
      actions: actions ? { acknowledgeUrl: actions.acknowledge, escalateUrl: actions.escalate } : null,
    },
  };
}

/**
 * Hands due outbox rows (up to `limit`) to `deliver` once each; a refusal is retried twice (15 s,
 * 30 s later), then recorded as failed. Returns how many it claimed.
 */
export async function deliverEscalationNotifications(deliver: TDeliver, now: Date, limit = BATCH): Promise<number> {
  const claimed = await claimDue(now, limit);
  await Promise.all(
    claimed.map(async ({ id, attempts }) => {
      const prepared = await noticeFor(id, now);
      if (!prepared) {
        await recordAttempt(id, { status: "skipped" });
        return;
      }
      const attempt = attempts + 1;
      try {
        await deliver(prepared.recipient, prepared.notice);
        await recordAttempt(id, { status: "delivered", attempts: attempt, lastError: "", at: new Date() });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const givingUp = attempt >= MAX_DELIVERY_ATTEMPTS;
        console.warn(`[escalation] notification ${id} attempt ${attempt} failed: ${message}${givingUp ? " (giving up)" : ""}`);
        await recordAttempt(id, {
          status: givingUp ? "failed" : "pending",
          attempts: attempt,
          lastError: message.slice(0, 500),
          at: now,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt)),
        });
      }
    }),
  );
  return claimed.length;
}
