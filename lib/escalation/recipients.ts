import type { TSql } from "@/lib/db/sql";
import { teamNames, usersOnCall } from "./oncall-targets";
import type { TStepTarget } from "./schema";

export type TStepRecipients = {
  /** people, in the order the step names them (a schedule's on-call person where the schedule is), each once */
  users: { id: string; name: string; mayCommand: boolean }[];
  teams: { id: string; name: string }[];
};

/**
 * Who a step notifies at `at`: its users, whoever its schedules have on call then, and its team
 * channels. Disabled accounts and the system account are left out; a person named twice (directly
 * and as a schedule's on-call) is notified once.
 */
export async function resolveStepRecipients(sql: TSql, targets: TStepTarget[], at: Date): Promise<TStepRecipients> {
  const onCall = await usersOnCall(
    sql,
    targets.flatMap((target) => (target.kind === "schedule" ? [target.scheduleId] : [])),
    at,
  );
  const wantedUserIds = targets.flatMap((target) => {
    if (target.kind === "user") return [target.userId];
    if (target.kind === "schedule") return onCall.get(target.scheduleId) ?? [];
    return [];
  });
  const found = await sql<{ id: string; name: string; role: string }>`
    SELECT "id", "name", "role"::text AS "role" FROM "User" WHERE "id" = ANY(${wantedUserIds}::text[]) AND "disabledAt" IS NULL`;
  // A viewer on a rotation is still told, but cannot hold the commander role.
  const byId = new Map(found.map(({ role, ...user }) => [user.id, { ...user, mayCommand: role !== "viewer" }]));
  const users = [...new Set(wantedUserIds)].flatMap((id) => {
    const user = byId.get(id);
    return user ? [user] : [];
  });

  const teamIds = [...new Set(targets.flatMap((target) => (target.kind === "team_channel" ? [target.teamId] : [])))];
  const names = await teamNames(sql, teamIds);
  return { users, teams: teamIds.map((id) => ({ id, name: names.get(id) ?? id })) };
}
