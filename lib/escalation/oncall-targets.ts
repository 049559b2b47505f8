import type { TTransaction } from "@/lib/db/prisma";
import type { TSql } from "@/lib/db/sql";
import { unprocessable } from "@/lib/errors";
import { idsOnCall } from "@/lib/oncall/queries";

// The parts of escalation that ask lib/oncall: who a schedule has on call, and teams' names.

/** The ids of the users each schedule has on call at `at` (none for a gap or a schedule deleted since), read in `tx`. */
export async function usersOnCall(sql: TSql, scheduleIds: string[], at: Date): Promise<Map<string, string[]>> {
  const onCall = new Map<string, string[]>();
  // One after another: a transaction's queries go over its one connection anyway.
  for (const scheduleId of scheduleIds) onCall.set(scheduleId, (await idsOnCall(scheduleId, at, sql)) ?? []);
  return onCall;
}

/** Refuses a policy naming schedules that do not exist. */
export async function assertSchedulesExist(tx: TTransaction, scheduleIds: string[]): Promise<void> {
  const unique = [...new Set(scheduleIds)];
  const found = await tx.schedule.findMany({ where: { id: { in: unique } }, select: { id: true } });
  const missing = unique.filter((id) => !found.some((schedule) => schedule.id === id));
  if (missing.length > 0) throw unprocessable("errors.escalation.unknownSchedules", { ids: missing.join(", ") });
}

/** Display names of teams, by id. */
export async function teamNames(sql: TSql, teamIds: string[]): Promise<Map<string, string>> {
  if (teamIds.length === 0) return new Map();
  const teams = await sql<{ id: string; name: string }>`SELECT "id", "name" FROM "Team" WHERE "id" = ANY(${teamIds}::text[])`;
  return new Map(teamIds.map((id) => [id, teams.find((team) => team.id === id)?.name ?? id]));
}
