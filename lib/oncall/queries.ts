import { db, type TPrismaClient, type TTransaction } from "@/lib/db/prisma";
import { prismaSql, type TSql } from "@/lib/db/sql";
import { loadScheduleDefinition } from "./definitions";
import { LONGEST_SHIFT_MS, nextOnCall, nextShiftOf, whoIsOnCallAt, wholeShiftsOverlapping, type TShift } from "./rules";

const DAY_MS = 86_400_000;
/** How far ahead "next on call" and "when am I next" look. */
export const LOOKAHEAD_DAYS = 60;

const PERSON_SELECT = { id: true, name: true, email: true } as const;
export type TPerson = { id: string; name: string; email: string };

async function peopleById(ids: Iterable<string>, client: TTransaction | TPrismaClient = db()): Promise<Map<string, TPerson>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const people = await client.user.findMany({ where: { id: { in: unique } }, select: PERSON_SELECT });
  return new Map(people.map((person) => [person.id, person]));
}

export type TShiftWithPeople = Omit<TShift, "userIds"> & { people: TPerson[] };

function withPeople(shift: TShift, people: Map<string, TPerson>): TShiftWithPeople {
  const { userIds, ...rest } = shift;
  return { ...rest, people: userIds.flatMap((id) => people.get(id) ?? []) };
}

/**
 * Who is on call on a schedule at an instant: what an escalation step that targets "the schedule's
 * current on-call" asks. Null when the schedule does not exist; an empty list is a gap. Escalation
 * asks inside the transaction that opens an incident or writes a step, and passes it as `client`:
 * reading through the pool instead would need a second connection per transaction, and with every
 * connection held by such a transaction none of them could go on (a burst of new incidents then
 * waited for the transaction timeout and failed).
 */
export async function whoIsOnCall(scheduleId: string, at: Date, client: TTransaction | TPrismaClient = db()): Promise<TPerson[] | null> {
  const userIds = await idsOnCall(scheduleId, at, prismaSql(client));
  if (!userIds) return null;
  const people = await peopleById(userIds, client);
  return userIds.flatMap((id) => people.get(id) ?? []);
}

/** whoIsOnCall's ids only, for a caller that reads the people itself (escalation, with their roles). */
export async function idsOnCall(scheduleId: string, at: Date, sql: TSql = prismaSql()): Promise<string[] | null> {
  const definition = await loadScheduleDefinition(scheduleId, at, new Date(at.getTime() + 1), sql);
  return definition ? whoIsOnCallAt(definition.schedule, definition.overrides, at).userIds : null;
}

/**
 * The pieces of the schedule that overlap [from, to), each whole (a shift that began before `from`
 * keeps its start), with the people of each; gaps come back with nobody.
 */
export async function scheduleShifts(scheduleId: string, from: Date, to: Date): Promise<TShiftWithPeople[] | null> {
  const definition = await loadScheduleDefinition(scheduleId, new Date(from.getTime() - LONGEST_SHIFT_MS), new Date(to.getTime() + LONGEST_SHIFT_MS));
  if (!definition) return null;
  const shifts = wholeShiftsOverlapping(definition.schedule, definition.overrides, from, to);
  const people = await peopleById(shifts.flatMap((shift) => shift.userIds));
  return shifts.map((shift) => withPeople(shift, people));
}

export type TOnCallSummary = {
  scheduleId: string;
  scheduleName: string;
  now: TShiftWithPeople | null;
  next: TShiftWithPeople | null;
  /** the viewer's own next piece of this schedule, when a viewer is given */
  mine: TShiftWithPeople | null;
};

/** Now, next and (for `viewerId`) "when am I next" for each given schedule. */
export async function onCallSummaries(schedules: readonly { id: string; name: string }[], at: Date, viewerId?: string): Promise<TOnCallSummary[]> {
  const horizon = new Date(at.getTime() + LOOKAHEAD_DAYS * DAY_MS);
  const results = await Promise.all(
    schedules.map(async (schedule) => {
      const definition = await loadScheduleDefinition(schedule.id, new Date(at.getTime() - LONGEST_SHIFT_MS), horizon);
      if (!definition) return null;
      const shifts = wholeShiftsOverlapping(definition.schedule, definition.overrides, at, horizon);
      const current = shifts[0] && shifts[0].userIds.length > 0 ? shifts[0] : null;
      return {
        schedule,
        current,
        next: nextOnCall(definition.schedule, definition.overrides, at, horizon),
        mine: viewerId ? nextShiftOf(viewerId, shifts, at) : null,
      };
    }),
  );
  const found = results.filter((result) => result !== null);
  const people = await peopleById(found.flatMap((result) => [result.current, result.next, result.mine].flatMap((shift) => shift?.userIds ?? [])));
  return found.map(({ schedule, current, next, mine }) => ({
    scheduleId: schedule.id,
    scheduleName: schedule.name,
    now: current && withPeople(current, people),
    next: next && withPeople(next, people),
    mine: mine && withPeople(mine, people),
  }));
}

/** Who is on call for a service: now and next on each schedule of the team that owns it. */
export async function onCallForService(serviceSlug: string, at: Date) {
  const service = await db().service.findUnique({
    where: { slug: serviceSlug },
    select: { id: true, slug: true, name: true, team: { select: { id: true, slug: true, name: true, schedules: { orderBy: { name: "asc" }, select: { id: true, name: true } } } } },
  });
  if (!service) return null;
  const { team, ...rest } = service;
  return { service: rest, team: team && { id: team.id, slug: team.slug, name: team.name }, schedules: team ? await onCallSummaries(team.schedules, at) : [] };
}

export function listTeams() {
  return db().team.findMany({
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, timeZone: true, _count: { select: { members: true, services: true, schedules: true } } },
  });
}

/** A team's id by its slug, for changes addressed by slug (null when there is none). */
export async function teamIdBySlug(slug: string): Promise<string | null> {
  return (await db().team.findUnique({ where: { slug }, select: { id: true } }))?.id ?? null;
}

export function getTeamBySlug(slug: string) {
  return db().team.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      timeZone: true,
      members: { orderBy: { user: { name: "asc" } }, select: { user: { select: PERSON_SELECT } } },
      services: { orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } },
      rotations: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          timeZone: true,
          startDate: true,
          handoffTime: true,
          shiftLength: true,
          shiftHours: true,
          members: { orderBy: { position: "asc" }, select: { position: true, user: { select: PERSON_SELECT } } },
        },
      },
      schedules: { orderBy: { name: "asc" }, select: { id: true, name: true, reminderMinutes: true } },
      channels: { orderBy: { createdAt: "asc" }, select: { id: true, kind: true, label: true, target: true, locale: true } },
    },
  });
}
export type TTeamDetail = NonNullable<Awaited<ReturnType<typeof getTeamBySlug>>>;

export function getSchedule(scheduleId: string) {
  return db().schedule.findUnique({
    where: { id: scheduleId },
    select: {
      id: true,
      name: true,
      reminderMinutes: true,
      team: { select: { id: true, slug: true, name: true, timeZone: true, members: { orderBy: { user: { name: "asc" } }, select: { user: { select: PERSON_SELECT } } } } },
      layers: {
        orderBy: { position: "desc" },
        select: { id: true, name: true, position: true, restrictionZone: true, restrictions: true, rotation: { select: { id: true, name: true, shiftLength: true, shiftHours: true, handoffTime: true, timeZone: true } } },
      },
    },
  });
}
export type TScheduleDetail = NonNullable<Awaited<ReturnType<typeof getSchedule>>>;

/** Overrides that touch [from, to), oldest first, with the people named. */
export function listOverrides(scheduleId: string, from: Date, to: Date) {
  return db().scheduleOverride.findMany({
    where: { scheduleId, endsAt: { gt: from }, startsAt: { lt: to } },
    orderBy: [{ startsAt: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      kind: true,
      startsAt: true,
      endsAt: true,
      note: true,
      user: { select: PERSON_SELECT },
      replacesUser: { select: PERSON_SELECT },
      createdBy: { select: PERSON_SELECT },
    },
  });
}

/** The schedules a user is part of (through a rotation of one of its layers, or an override). */
export function schedulesOfUser(userId: string) {
  return db().schedule.findMany({
    where: { OR: [{ layers: { some: { rotation: { members: { some: { userId } } } } } }, { overrides: { some: { OR: [{ userId }, { replacesUserId: userId }] } } }] },
    orderBy: { name: "asc" },
    select: { id: true, name: true, team: { select: { name: true } } },
  });
}
