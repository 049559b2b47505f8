import { prismaSql, type TSql } from "@/lib/db/sql";
import type { TRotationDef } from "./rotation";
import type { TOverrideDef, TScheduleDef } from "./rules";
import { ZRestrictions } from "./schema";

type TScheduleRow = {
  layers: { id: string; position: number; restrictionZone: string; restrictions: unknown; rotation: TRotationDef }[];
  overrides: (Omit<TOverrideDef, "startsAt" | "endsAt" | "createdAt"> & { startsAt: string; endsAt: string; createdAt: string })[];
};

// json_build_object renders timestamp(3) without a zone; the stored values are UTC.
const utc = (stored: string) => new Date(`${stored}Z`);

/**
 * A schedule's layers and the overrides that touch [from, to), as plain data for lib/oncall/rules,
 * in one statement: an alert opening an incident asks it inside its transaction, and incidents
 * open in bursts (decision 026). Read through `sql`: a caller inside a transaction passes its own,
 * rather than taking a second connection from the pool while it holds one.
 */
export async function loadScheduleDefinition(
  scheduleId: string,
  from: Date,
  to: Date,
  sql: TSql = prismaSql(),
): Promise<{ schedule: TScheduleDef; overrides: TOverrideDef[] } | null> {
  const [row] = await sql<TScheduleRow>`
    SELECT
      COALESCE((
        SELECT json_agg(json_build_object(
          'id', layer."id", 'position', layer."position", 'restrictionZone', layer."restrictionZone", 'restrictions', layer."restrictions",
          'rotation', json_build_object(
            'id', rotation."id", 'timeZone', rotation."timeZone", 'startDate', rotation."startDate", 'handoffTime', rotation."handoffTime", 'shiftHours', rotation."shiftHours",
            'memberIds', COALESCE((SELECT json_agg(member."userId" ORDER BY member."position") FROM "RotationMember" member WHERE member."rotationId" = rotation."id"), '[]'::json))
        ) ORDER BY layer."position", layer."id")
        FROM "ScheduleLayer" layer JOIN "Rotation" rotation ON rotation."id" = layer."rotationId"
        WHERE layer."scheduleId" = schedule."id"
      ), '[]'::json) AS "layers",
      COALESCE((
        SELECT json_agg(json_build_object(
          'id', cover."id", 'kind', cover."kind", 'userId', cover."userId", 'replacesUserId', cover."replacesUserId",
          'startsAt', cover."startsAt", 'endsAt', cover."endsAt", 'createdAt', cover."createdAt"
        ) ORDER BY cover."createdAt", cover."id")
        FROM "ScheduleOverride" cover
        WHERE cover."scheduleId" = schedule."id" AND cover."endsAt" > ${from.toISOString()}::timestamp(3) AND cover."startsAt" < ${to.toISOString()}::timestamp(3)
      ), '[]'::json) AS "overrides"
    FROM "Schedule" schedule WHERE schedule."id" = ${scheduleId}`;
  if (!row) return null;
  return {
    schedule: {
      id: scheduleId,
      layers: row.layers.map((layer) => ({ ...layer, restrictions: ZRestrictions.parse(layer.restrictions) })),
    },
    overrides: row.overrides.map((override) => ({
      ...override,
      startsAt: utc(override.startsAt),
      endsAt: utc(override.endsAt),
      createdAt: utc(override.createdAt),
    })),
  };
}
