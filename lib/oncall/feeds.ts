import { createHash, randomBytes } from "node:crypto";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { renderShiftCalendar, type TFeedShift } from "./ical";
import { scheduleShifts, schedulesOfUser } from "./queries";

const DAY_MS = 86_400_000;
/** What a feed holds: the last two weeks and the next eight. */
const FEED_PAST_DAYS = 14;
const FEED_FUTURE_DAYS = 56;

const hashFeedToken = (token: string) => createHash("sha256").update(token).digest("hex");

function newToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashFeedToken(token) };
}

/** A new secret URL token for the actor's own shifts; any earlier one stops working. Shown once. */
export async function regenerateUserFeed(actor: TActor): Promise<string> {
  assertCan(actor, "incident:read");
  const { token, tokenHash } = newToken();
  await db().calendarFeed.upsert({ where: { userId: actor.id }, create: { userId: actor.id, tokenHash }, update: { tokenHash, createdAt: new Date() } });
  return token;
}

/** A new secret URL token for a schedule's feed; any earlier one stops working. Shown once. */
export async function regenerateScheduleFeed(actor: TActor, scheduleId: string): Promise<string> {
  assertCan(actor, "oncall:manage");
  if (!(await db().schedule.findUnique({ where: { id: scheduleId }, select: { id: true } }))) throw notFound("schedule");
  const { token, tokenHash } = newToken();
  await db().calendarFeed.upsert({ where: { scheduleId }, create: { scheduleId, tokenHash }, update: { tokenHash, createdAt: new Date() } });
  return token;
}

export async function feedStatus(userId: string) {
  return db().calendarFeed.findUnique({ where: { userId }, select: { createdAt: true } });
}

/**
 * The iCalendar text behind a secret token, or null for an unknown token. The token is the only
 * credential: no session is needed, so calendar apps can subscribe.
 */
export async function calendarForToken(token: string, now: Date, host: string): Promise<string | null> {
  const feed = await db().calendarFeed.findUnique({
    where: { tokenHash: hashFeedToken(token) },
    select: { userId: true, user: { select: { name: true, disabledAt: true } }, schedule: { select: { id: true, name: true } } },
  });
  if (!feed) return null;
  const from = new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS);
  const to = new Date(now.getTime() + FEED_FUTURE_DAYS * DAY_MS);
  if (feed.schedule) return renderShiftCalendar(`On call: ${feed.schedule.name}`, await shiftsOf(feed.schedule, from, to), host);
  if (!feed.userId || !feed.user || feed.user.disabledAt) return null;
  const userId = feed.userId;
  const schedules = await schedulesOfUser(userId);
  const shifts = (await Promise.all(schedules.map((schedule) => shiftsOf(schedule, from, to)))).flat();
  return renderShiftCalendar(
    `On call: ${feed.user.name}`,
    shifts.filter((shift) => shift.people.some((person) => person.id === userId)),
    host,
  );
}

async function shiftsOf(schedule: { id: string; name: string }, from: Date, to: Date): Promise<TFeedShift[]> {
  const shifts = (await scheduleShifts(schedule.id, from, to)) ?? [];
  return shifts.map((shift) => ({ ...shift, scheduleId: schedule.id, scheduleName: schedule.name }));
}
