import { createHash, randomBytes } from "node:crypto";
import { createId } from "@/lib/db/ids";
import { db } from "@/lib/db/prisma";
import type { TSql } from "@/lib/db/sql";
import { DomainError } from "@/lib/errors";
import type { EscalationAction } from "@/lib/generated/prisma/enums";
import { acknowledgeIncidentIn } from "@/lib/incidents/acknowledge";
import { incidentReference } from "@/lib/incidents/rules";
import { publicUrl } from "@/lib/http/public-url";
import { escalateNowIn, stopEscalationOnAcknowledgement } from "./run-control";

// One-tap links in notifications: they act without a session, in the name of the notified person.
// The token is 32 random bytes (unguessable, so it needs no signature of its own); only its SHA-256
// is stored, so a copy of the database opens nothing. A link works once and expires.

export const ACTION_LINK_TTL_MS = 24 * 60 * 60_000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export const actionUrl = (token: string) => publicUrl(`/a/${token}`);

/** The token of a one-tap link (a Slack button carries the link as its value), or "" when it is not one. */
export function tokenOfActionUrl(url: string): string {
  const token = URL.canParse(url) ? new URL(url).pathname.match(/\/a\/([^/]+)$/)?.[1] : undefined;
  return token && TOKEN_FORMAT.test(token) ? token : "";
}

/** An acknowledge link and an escalate-now link for a person a step notified. */
export async function createActionLinks(
  sql: TSql,
  input: { runId: string; incidentId: string; userId: string; notificationId: string | null },
  now: Date,
): Promise<Record<EscalationAction, string>> {
  const actions = ["acknowledge", "escalate"] as const;
  const tokens = actions.map(() => randomBytes(32).toString("base64url"));
  // Both in one statement: they are stored together or not at all.
  await sql`
    INSERT INTO "EscalationActionToken" ("id", "tokenHash", "action", "incidentId", "runId", "notificationId", "userId", "createdAt", "expiresAt")
    SELECT link."id", link."tokenHash", link."action", ${input.incidentId}, ${input.runId}, ${input.notificationId}, ${input.userId},
      ${now.toISOString()}::timestamp(3), ${new Date(now.getTime() + ACTION_LINK_TTL_MS).toISOString()}::timestamp(3)
    FROM unnest(${actions.map(() => createId())}::text[], ${tokens.map(hashToken)}::text[], ${[...actions]}::"EscalationAction"[]) AS link("id", "tokenHash", "action")`;
  return { acknowledge: actionUrl(tokens[0] as string), escalate: actionUrl(tokens[1] as string) };
}

export type TActionLink = {
  state: "usable" | "used" | "expired" | "unknown";
  action: EscalationAction | null;
  userName: string;
  incident: { reference: string; title: string; severity: string } | null;
  usedAt: Date | null;
  expiresAt: Date | null;
};

const UNKNOWN: TActionLink = { state: "unknown", action: null, userName: "", incident: null, usedAt: null, expiresAt: null };

/** What a link would do, for the confirm page; reading it changes nothing (mail scanners open links). */
export async function inspectActionLink(token: string, now: Date): Promise<TActionLink> {
  if (!TOKEN_FORMAT.test(token)) return UNKNOWN;
  const row = await db().escalationActionToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { action: true, usedAt: true, expiresAt: true, user: { select: { name: true } }, incident: { select: { number: true, title: true, severity: true } } },
  });
  if (!row) return UNKNOWN;
  return {
    state: row.usedAt ? "used" : row.expiresAt <= now ? "expired" : "usable",
    action: row.action,
    userName: row.user.name,
    incident: { reference: incidentReference(row.incident.number), title: row.incident.title, severity: row.incident.severity },
    usedAt: row.usedAt,
    expiresAt: row.expiresAt,
  };
}

export type TActionOutcome =
  | { outcome: "acknowledged" | "escalated"; reference: string }
  | { outcome: "already_acknowledged"; reference: string; by: string }
  | { outcome: "not_escalated"; reference: string; reason: string }
  | { outcome: "used" | "expired" | "unknown" };

/**
 * Uses a link: marks it used and does what it says in one transaction, so it works exactly once
 * even when tapped twice at the same moment. Acknowledging stops the escalation and is on the
 * timeline in the notified person's name, with the time to acknowledge and `via` (the one-tap page,
 * or the link's button in Slack).
 */
export async function applyActionLink(token: string, now: Date, via: "link" | "slack" = "link"): Promise<TActionOutcome> {
  if (!TOKEN_FORMAT.test(token)) return { outcome: "unknown" };
  const tokenHash = hashToken(token);
  try {
    return await db().$transaction(async (tx) => {
      const used = await tx.escalationActionToken.updateManyAndReturn({
        where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
        select: { action: true, incidentId: true, userId: true, incident: { select: { number: true } } },
      });
      const link = used[0];
      if (!link) {
        const row = await tx.escalationActionToken.findUnique({ where: { tokenHash }, select: { usedAt: true } });
        return { outcome: !row ? "unknown" : row.usedAt ? "used" : "expired" } as const;
      }
      const reference = incidentReference(link.incident.number);
      if (link.action === "acknowledge") {
        const { incident, acknowledged } = await acknowledgeIncidentIn(tx, link.incidentId, link.userId, now, via);
        if (!acknowledged) {
          const by = incident.acknowledgedById ? await tx.user.findUnique({ where: { id: incident.acknowledgedById }, select: { name: true } }) : null;
          return { outcome: "already_acknowledged", reference, by: by?.name ?? "" } as const;
        }
        await stopEscalationOnAcknowledgement(tx, link.incidentId, link.userId, now);
        return { outcome: "acknowledged", reference } as const;
      }
      await escalateNowIn(tx, link.incidentId, link.userId, now);
      return { outcome: "escalated", reference } as const;
    });
  } catch (error) {
    // Escalating a run that has stopped is refused and changes nothing (the link stays unused); the page says why.
    if (error instanceof DomainError && error.status === 409) {
      const row = await db().escalationActionToken.findUniqueOrThrow({ where: { tokenHash }, select: { incident: { select: { number: true } } } });
      return { outcome: "not_escalated", reference: incidentReference(row.incident.number), reason: error.message };
    }
    throw error;
  }
}

export type TActionLinkReport = {
  action: EscalationAction;
  usedAt: Date | null;
  /** the notified person the link acts for, and the language their notifications are in */
  person: { name: string; locale: string };
  incident: { reference: string; acknowledgedAt: Date | null; acknowledgedBy: string | null };
};

/** What a link did and where its incident stands, to tell the person in the chat message they clicked. */
export async function reportActionLink(token: string): Promise<TActionLinkReport | null> {
  if (!TOKEN_FORMAT.test(token)) return null;
  const row = await db().escalationActionToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      action: true,
      usedAt: true,
      user: { select: { name: true, locale: true } },
      incident: { select: { number: true, acknowledgedAt: true, acknowledgedBy: { select: { name: true } } } },
    },
  });
  if (!row) return null;
  return {
    action: row.action,
    usedAt: row.usedAt,
    person: row.user,
    incident: { reference: incidentReference(row.incident.number), acknowledgedAt: row.incident.acknowledgedAt, acknowledgedBy: row.incident.acknowledgedBy?.name ?? null },
  };
}
