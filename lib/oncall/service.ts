import { assertCan, can, type TActor } from "@/lib/auth/permissions";
import { slugify } from "@/lib/catalog/schema";
import { db, type TTransaction } from "@/lib/db/prisma";
import { conflict, forbidden, notFound, unprocessable } from "@/lib/errors";
import type { z } from "zod";
import { SHIFT_HOURS, ZLayerCreate, ZOverrideCreate, ZRotationCreate, ZScheduleCreate, ZScheduleUpdate, ZTeamCreate, ZTeamUpdate } from "./schema";

async function assertUsersExist(tx: TTransaction, userIds: readonly string[], field: string) {
  const found = await tx.user.count({ where: { id: { in: [...new Set(userIds)] }, disabledAt: null } });
  if (found !== new Set(userIds).size) throw unprocessable("errors.oncall.unknownUser", { field });
}

async function assertTeamMembers(tx: TTransaction, teamId: string, userIds: readonly string[], field: string) {
  const unique = [...new Set(userIds)];
  const found = await tx.teamMember.count({ where: { teamId, userId: { in: unique } } });
  if (found !== unique.length) throw unprocessable("errors.oncall.notTeamMember", { field });
}

export async function createTeam(actor: TActor, fields: z.input<typeof ZTeamCreate>) {
  assertCan(actor, "oncall:manage");
  const input = ZTeamCreate.parse(fields);
  const slug = input.slug ?? slugify(input.name);
  if (slug.length < 2) throw unprocessable("errors.team.slugMissing");
  return db().$transaction(async (tx) => {
    if (await tx.team.findUnique({ where: { slug }, select: { id: true } })) throw conflict("errors.team.slugTaken", { slug });
    await assertUsersExist(tx, input.memberIds, "memberIds");
    return tx.team.create({
      data: { name: input.name, slug, timeZone: input.timeZone, members: { create: [...new Set(input.memberIds)].map((userId) => ({ userId })) } },
    });
  });
}

/** Changes a team; `memberIds` and `serviceIds` replace the lists (a service moves from any other team). */
export async function updateTeam(actor: TActor, teamId: string, fields: z.input<typeof ZTeamUpdate>) {
  assertCan(actor, "oncall:manage");
  const input = ZTeamUpdate.parse(fields);
  return db().$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true } });
    if (!team) throw notFound("team");
    if (input.memberIds) {
      await assertUsersExist(tx, input.memberIds, "memberIds");
      const inRotations = await tx.rotationMember.findFirst({
        where: { rotation: { teamId }, userId: { notIn: input.memberIds } },
        select: { user: { select: { name: true } } },
      });
      if (inRotations) throw conflict("errors.team.memberInRotation", { name: inRotations.user.name });
      await tx.teamMember.deleteMany({ where: { teamId, userId: { notIn: input.memberIds } } });
      await tx.teamMember.createMany({ data: input.memberIds.map((userId) => ({ teamId, userId })), skipDuplicates: true });
    }
    if (input.serviceIds) {
      const found = await tx.service.count({ where: { id: { in: input.serviceIds } } });
      if (found !== new Set(input.serviceIds).size) throw unprocessable("errors.team.unknownService");
      await tx.service.updateMany({ where: { teamId, id: { notIn: input.serviceIds } }, data: { teamId: null } });
      await tx.service.updateMany({ where: { id: { in: input.serviceIds } }, data: { teamId } });
    }
    return tx.team.update({ where: { id: teamId }, data: { name: input.name, timeZone: input.timeZone } });
  });
}

export async function deleteTeam(actor: TActor, teamId: string) {
  assertCan(actor, "oncall:manage");
  const { count } = await db().team.deleteMany({ where: { id: teamId } });
  if (count === 0) throw notFound("team");
}

export async function createRotation(actor: TActor, fields: z.input<typeof ZRotationCreate>) {
  assertCan(actor, "oncall:manage");
  const input = ZRotationCreate.parse(fields);
  return db().$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: input.teamId }, select: { timeZone: true } });
    if (!team) throw unprocessable("errors.team.unknown");
    await assertTeamMembers(tx, input.teamId, input.memberIds, "memberIds");
    if (await tx.rotation.findUnique({ where: { teamId_name: { teamId: input.teamId, name: input.name } }, select: { id: true } })) {
      throw conflict("errors.rotation.nameTaken", { name: input.name });
    }
    return tx.rotation.create({
      data: {
        teamId: input.teamId,
        name: input.name,
        timeZone: input.timeZone ?? team.timeZone,
        startDate: new Date(`${input.startDate}T00:00:00Z`),
        handoffTime: input.handoffTime,
        shiftLength: input.shiftLength,
        shiftHours: input.shiftLength === "custom" ? input.shiftHours! : SHIFT_HOURS[input.shiftLength],
        members: { create: input.memberIds.map((userId, position) => ({ userId, position })) },
      },
    });
  });
}

/** Replaces a rotation's members, in shift order. Past shifts are recomputed too: the rotation is its order. */
export async function setRotationMembers(actor: TActor, rotationId: string, memberIds: readonly string[]) {
  assertCan(actor, "oncall:manage");
  await db().$transaction(async (tx) => {
    const rotation = await tx.rotation.findUnique({ where: { id: rotationId }, select: { teamId: true } });
    if (!rotation) throw notFound("rotation");
    await assertTeamMembers(tx, rotation.teamId, memberIds, "memberIds");
    await tx.rotationMember.deleteMany({ where: { rotationId } });
    await tx.rotationMember.createMany({ data: memberIds.map((userId, position) => ({ rotationId, userId, position })) });
  });
}

export async function deleteRotation(actor: TActor, rotationId: string) {
  assertCan(actor, "oncall:manage");
  await db().$transaction(async (tx) => {
    const layers = await tx.scheduleLayer.count({ where: { rotationId } });
    if (layers > 0) throw conflict("errors.rotation.inSchedule");
    const { count } = await tx.rotation.deleteMany({ where: { id: rotationId } });
    if (count === 0) throw notFound("rotation");
  });
}

export async function createSchedule(actor: TActor, fields: z.input<typeof ZScheduleCreate>) {
  assertCan(actor, "oncall:manage");
  const input = ZScheduleCreate.parse(fields);
  return db().$transaction(async (tx) => {
    if (!(await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } }))) throw unprocessable("errors.team.unknown");
    if (await tx.schedule.findUnique({ where: { teamId_name: input }, select: { id: true } }))
      throw conflict("errors.schedule.nameTaken", { name: input.name });
    return tx.schedule.create({ data: input });
  });
}

/** Changes a schedule's settings (today: how long before a shift the incoming person is reminded). */
export async function updateSchedule(actor: TActor, scheduleId: string, fields: z.input<typeof ZScheduleUpdate>) {
  assertCan(actor, "oncall:manage");
  const input = ZScheduleUpdate.parse(fields);
  const { count } = await db().schedule.updateMany({ where: { id: scheduleId }, data: input });
  if (count === 0) throw notFound("schedule");
  return db().schedule.findUniqueOrThrow({ where: { id: scheduleId }, select: { id: true, name: true, reminderMinutes: true } });
}

export async function deleteSchedule(actor: TActor, scheduleId: string) {
  assertCan(actor, "oncall:manage");
  const { count } = await db().schedule.deleteMany({ where: { id: scheduleId } });
  if (count === 0) throw notFound("schedule");
}

/** Adds a layer on top of the schedule's others: the newest layer wins where it applies. */
export async function addLayer(actor: TActor, scheduleId: string, fields: z.input<typeof ZLayerCreate>) {
  assertCan(actor, "oncall:manage");
  const input = ZLayerCreate.parse(fields);
  return db().$transaction(async (tx) => {
    const schedule = await tx.schedule.findUnique({ where: { id: scheduleId }, select: { teamId: true, team: { select: { timeZone: true } } } });
    if (!schedule) throw notFound("schedule");
    // Serialises concurrent additions so that two layers never share a position.
    await tx.$queryRaw`SELECT 1 FROM "Schedule" WHERE "id" = ${scheduleId} FOR UPDATE`;
    const rotation = await tx.rotation.findUnique({ where: { id: input.rotationId }, select: { teamId: true } });
    if (!rotation || rotation.teamId !== schedule.teamId) throw unprocessable("errors.schedule.unknownRotation");
    const top = await tx.scheduleLayer.aggregate({ where: { scheduleId }, _max: { position: true } });
    return tx.scheduleLayer.create({
      data: {
        scheduleId,
        rotationId: input.rotationId,
        name: input.name,
        position: (top._max.position ?? -1) + 1,
        restrictionZone: input.restrictionZone ?? schedule.team.timeZone,
        restrictions: input.restrictions,
      },
    });
  });
}

export async function removeLayer(actor: TActor, scheduleId: string, layerId: string) {
  assertCan(actor, "oncall:manage");
  const { count } = await db().scheduleLayer.deleteMany({ where: { id: layerId, scheduleId } });
  if (count === 0) throw notFound("layer");
}

/** Admins may write any override; a responder only one that they are part of ("cover for me", "I'll cover"). */
function assertMayOverride(actor: TActor, override: { userId: string | null; replacesUserId: string | null }) {
  if (can(actor.role, "oncall:manage")) return;
  if (can(actor.role, "incident:write") && (override.userId === actor.id || override.replacesUserId === actor.id)) return;
  throw forbidden("errors.schedule.adminsOnly");
}

export async function createOverride(actor: TActor, scheduleId: string, fields: z.input<typeof ZOverrideCreate>) {
  const input = ZOverrideCreate.parse(fields);
  assertMayOverride(actor, input);
  return db().$transaction(async (tx) => {
    if (!(await tx.schedule.findUnique({ where: { id: scheduleId }, select: { id: true } }))) throw notFound("schedule");
    const people = [input.userId, input.replacesUserId].filter((id): id is string => id !== null);
    await assertUsersExist(tx, people, "userId");
    if (input.userId !== null && input.userId === input.replacesUserId) throw unprocessable("errors.override.coverSelf");
    return tx.scheduleOverride.create({ data: { ...input, scheduleId, createdById: actor.id } });
  });
}

export async function deleteOverride(actor: TActor, scheduleId: string, overrideId: string) {
  const override = await db().scheduleOverride.findUnique({ where: { id: overrideId }, select: { scheduleId: true, userId: true, replacesUserId: true } });
  if (!override || override.scheduleId !== scheduleId) throw notFound("override");
  assertMayOverride(actor, override);
  await db().scheduleOverride.deleteMany({ where: { id: overrideId } });
}
