import type { TTransaction } from "@/lib/db/prisma";
import { unprocessable } from "@/lib/errors";

// The parts of escalation that need teams and schedules (lib/oncall, built separately). Replace this
// file when lib/oncall is merged: schedules answer with whoIsOnCall(scheduleId, at), teams with their
// names. Until then a policy cannot name a schedule, and a team is shown by its id.

export const SCHEDULES_UNAVAILABLE = "schedule targets need lib/oncall (teams and schedules), which this Firebreak does not have yet";

/** The ids of the users each schedule has on call at `at`. */
export async function usersOnCall(_tx: TTransaction, scheduleIds: string[], _at: Date): Promise<Map<string, string[]>> {
  if (scheduleIds.length > 0) throw unprocessable(SCHEDULES_UNAVAILABLE);
  return new Map();
}

/** Refuses a policy naming schedules that do not exist. */
export async function assertSchedulesExist(_tx: TTransaction, scheduleIds: string[]): Promise<void> {
  if (scheduleIds.length > 0) throw unprocessable(SCHEDULES_UNAVAILABLE);
}

/** Display names of teams, by id. */
export async function teamNames(_tx: TTransaction, teamIds: string[]): Promise<Map<string, string>> {
  return new Map(teamIds.map((id) => [id, id]));
}
