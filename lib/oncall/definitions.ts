import { db, type TPrismaClient, type TTransaction } from "@/lib/db/prisma";
import type { TRotationDef } from "./rotation";
import type { TOverrideDef, TScheduleDef } from "./rules";
import { ZRestrictions } from "./schema";

/** The Prisma select that gives everything the resolver needs of a rotation. */
export const ROTATION_DEF_SELECT = {
  id: true,
  timeZone: true,
  startDate: true,
  handoffTime: true,
  shiftHours: true,
  members: { orderBy: { position: "asc" }, select: { userId: true } },
} as const;

type TRotationRow = { id: string; timeZone: string; startDate: Date; handoffTime: string; shiftHours: number; members: { userId: string }[] };

export function rotationDefOf(row: TRotationRow): TRotationDef {
  return {
    id: row.id,
    timeZone: row.timeZone,
    startDate: row.startDate.toISOString().slice(0, 10),
    handoffTime: row.handoffTime,
    shiftHours: row.shiftHours,
    memberIds: row.members.map((member) => member.userId),
  };
}

/**
 * A schedule's layers and the overrides that touch [from, to), as plain data for lib/oncall/rules.
 * Read through `client`: a caller inside a transaction passes it, rather than taking a second
 * connection from the pool while it holds one.
 */
export async function loadScheduleDefinition(
  scheduleId: string,
  from: Date,
  to: Date,
  client: TTransaction | TPrismaClient = db(),
): Promise<{ schedule: TScheduleDef; overrides: TOverrideDef[] } | null> {
  const row = await client.schedule.findUnique({
    where: { id: scheduleId },
    select: {
      id: true,
      layers: { select: { id: true, position: true, restrictionZone: true, restrictions: true, rotation: { select: ROTATION_DEF_SELECT } } },
      overrides: {
        where: { endsAt: { gt: from }, startsAt: { lt: to } },
        select: { id: true, kind: true, userId: true, replacesUserId: true, startsAt: true, endsAt: true, createdAt: true },
      },
    },
  });
  if (!row) return null;
  return {
    schedule: {
      id: row.id,
      layers: row.layers.map((layer) => ({
        id: layer.id,
        position: layer.position,
        restrictionZone: layer.restrictionZone,
        restrictions: ZRestrictions.parse(layer.restrictions),
        rotation: rotationDefOf(layer.rotation),
      })),
    },
    overrides: row.overrides,
  };
}
