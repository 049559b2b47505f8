import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/prisma";
import type { ShiftNoticeKind } from "@/lib/generated/prisma/enums";
import { publicUrl } from "@/lib/http/public-url";
import { claimJobRun } from "@/lib/jobs/lease";
import { startPeriodicJob } from "@/lib/jobs/periodic";
import { notifyUser } from "@/lib/notifications/notify";
import type { TShiftNotification } from "@/lib/notifications/schema";
import { postToTeamChannels } from "@/lib/notifications/team-posts";
import { loadScheduleDefinition } from "./definitions";
import { handoffsIn, incomingIn } from "./handoffs";
import { LONGEST_SHIFT_MS } from "./rules";
import { teamChannelAddresses } from "./team-channels";

// Shift-change notices to a team's channels and reminders to the person coming on call. Each run
// looks back over the last hour rather than since the previous run: a notice missed while every
// process was down goes out late, and an older one is history, not news. The (schedule, shift
// start, kind, subject) row makes each go out once whichever process, and however many runs, see it.

const JOB = "shift-notices";
const CHECK_EVERY_MS = 15_000;
export const SHIFT_NOTICE_RUN_EVERY_MS = 30_000;
export const SHIFT_NOTICE_MAX_LATENESS_MS = 60 * 60_000;
/** A notice being sent is not taken by another process for this long; one left unsent after it is taken again. */
const CLAIM_MS = 60_000;
/** Sent rows are kept long enough to dedup the longest reminder lead plus the look-back, then pruned. */
const KEEP_SENT_MS = 3 * 86_400_000;

export type TShiftNoticeReport = { handoffs: number; reminders: number };

/** Takes one notice to send: true for exactly one caller, or again once a claim lapsed unsent. */
async function claimNotice(scheduleId: string, kind: ShiftNoticeKind, shiftStart: Date, subject: string, now: Date): Promise<string | null> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    INSERT INTO "ShiftNotice" AS n ("id", "scheduleId", "kind", "shiftStart", "subject", "claimedUntil")
    VALUES (${randomUUID()}, ${scheduleId}, ${kind}::"ShiftNoticeKind", ${shiftStart}, ${subject}, ${new Date(now.getTime() + CLAIM_MS)})
    ON CONFLICT ("scheduleId", "shiftStart", "kind", "subject") DO UPDATE SET "claimedUntil" = EXCLUDED."claimedUntil"
    WHERE n."sentAt" IS NULL AND n."claimedUntil" <= ${now}
    RETURNING n."id"`;
  return rows[0]?.id ?? null;
}

const markSent = (id: string, now: Date) => db().shiftNotice.update({ where: { id }, data: { sentAt: now } });

async function namesById(ids: Iterable<string>): Promise<Map<string, string>> {
  const users = await db().user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}

type TScheduleRow = { id: string; name: string; reminderMinutes: number; team: { id: string; slug: string; name: string; timeZone: string; _count: { channels: number } } };

async function noticesOfSchedule(schedule: TScheduleRow, now: Date, report: TShiftNoticeReport): Promise<void> {
  const from = new Date(now.getTime() - SHIFT_NOTICE_MAX_LATENESS_MS);
  const leadMs = schedule.reminderMinutes * 60_000;
  const hasChannels = schedule.team._count.channels > 0;
  if (!hasChannels && leadMs === 0) return;
  const definition = await loadScheduleDefinition(schedule.id, new Date(from.getTime() - LONGEST_SHIFT_MS), new Date(now.getTime() + leadMs + 2 * LONGEST_SHIFT_MS));
  if (!definition) return;
  const handoffs = hasChannels ? handoffsIn(definition.schedule, definition.overrides, from, now) : [];
  // A reminder after the shift began is no use (the hand-off notice has told the team by then).
  const incoming = leadMs > 0 ? incomingIn(definition.schedule, definition.overrides, from, now, leadMs).filter((person) => person.at.getTime() > now.getTime()) : [];
  if (handoffs.length === 0 && incoming.length === 0) return;

  const names = await namesById([...handoffs.flatMap((handoff) => [...handoff.outgoingIds, ...handoff.incomingIds]), ...incoming.map((person) => person.userId)]);
  const named = (ids: string[]) => ids.map((id) => names.get(id) ?? id);
  const notification = (kind: "handoff" | "reminder", at: Date, outgoing: string[], incomingNames: string[], until: Date | null): TShiftNotification => ({
    type: "shift",
    shift: {
      kind,
      team: schedule.team.name,
      schedule: schedule.name,
      outgoing,
      incoming: incomingNames,
      startsAt: at.toISOString(),
      until: until?.toISOString() ?? null,
      timeZone: schedule.team.timeZone,
    },
    links: { open: publicUrl(`/teams/${schedule.team.slug}/schedules/${schedule.id}`) },
    test: false,
  });

  const channels = handoffs.length > 0 ? (await teamChannelAddresses(schedule.team.id)).channels : [];
  for (const handoff of handoffs) {
    const claimed = await claimNotice(schedule.id, "handoff", handoff.at, "", now);
    if (!claimed) continue;
    const outcomes = await postToTeamChannels(channels, notification("handoff", handoff.at, named(handoff.outgoingIds), named(handoff.incomingIds), handoff.until), "low", now);
    // A channel that refused is recorded with its attempt; the notice is not news for long, so it is not retried.
    if (outcomes.length > 0 && !outcomes.some((outcome) => outcome.ok)) console.warn(`[shift-notices] no channel of team ${schedule.team.name} took the hand-off on ${schedule.name}`);
    await markSent(claimed, now);
    report.handoffs += 1;
  }
  for (const person of incoming) {
    const claimed = await claimNotice(schedule.id, "reminder", person.at, person.userId, now);
    if (!claimed) continue;
    await notifyUser(person.userId, notification("reminder", person.at, [], named([person.userId]), person.until), "low", now);
    await markSent(claimed, now);
    report.reminders += 1;
  }
}

/** Sends every hand-off notice and reminder due in the last hour that no process has sent yet. */
export async function sendDueShiftNotices(now: Date): Promise<TShiftNoticeReport> {
  const report: TShiftNoticeReport = { handoffs: 0, reminders: 0 };
  const schedules = await db().schedule.findMany({
    orderBy: { id: "asc" },
    select: { id: true, name: true, reminderMinutes: true, team: { select: { id: true, slug: true, name: true, timeZone: true, _count: { select: { channels: true } } } } },
  });
  for (const schedule of schedules) {
    try {
      await noticesOfSchedule(schedule, now, report);
    } catch (error) {
      // One schedule's trouble (a user deleted mid-run, a bad row) must not hold up the others' notices.
      console.error(`[shift-notices] schedule ${schedule.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await db().shiftNotice.deleteMany({ where: { sentAt: { not: null }, shiftStart: { lt: new Date(now.getTime() - KEEP_SENT_MS) } } });
  return report;
}

/** One run if it is this process's turn (null otherwise): one process computes the notices per period. */
export async function runShiftNoticesOnce(now = new Date()): Promise<TShiftNoticeReport | null> {
  if (!(await claimJobRun(JOB, now, SHIFT_NOTICE_RUN_EVERY_MS))) return null;
  return sendDueShiftNotices(now);
}

export function startShiftNoticeJob(): () => void {
  return startPeriodicJob({ name: JOB, everyMs: CHECK_EVERY_MS, runAtStart: true, run: () => runShiftNoticesOnce() });
}
