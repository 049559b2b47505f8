import { assertCan, type TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { conflict, invalidFields, notFound } from "@/lib/errors";
import { TARGET_SCHEMAS } from "@/lib/notifications/schema";
import type { TTeamChannelAddress } from "@/lib/notifications/team-posts";
import type { z } from "zod";
import { MAX_TEAM_CHANNELS, ZTeamChannelCreate } from "./schema";

// A team's chat channels: where escalation steps naming the team and shift-change notices go. The
// address of each is a contact method's target of the same kind (lib/notifications TARGET_SCHEMAS),
// so the same admin-configured channel and the same sender post it.

const CHANNEL_SELECT = { id: true, kind: true, label: true, target: true, locale: true } as const;

/** Adds a channel to a team; the address is validated by the kind's target schema, with the field named. */
export async function addTeamChannel(actor: TActor, teamId: string, fields: z.input<typeof ZTeamChannelCreate>) {
  assertCan(actor, "oncall:manage");
  const input = ZTeamChannelCreate.parse(fields);
  const target = TARGET_SCHEMAS[input.kind].safeParse(input.target);
  if (!target.success) throw invalidFields(target.error.issues, { prefix: "target", status: 422 });
  return db().$transaction(async (tx) => {
    // Serialises concurrent additions so that the limit holds.
    const [team] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Team" WHERE "id" = ${teamId} FOR UPDATE`;
    if (!team) throw notFound("team");
    if ((await tx.teamChannel.count({ where: { teamId } })) >= MAX_TEAM_CHANNELS) throw conflict("errors.team.channelLimit", { max: MAX_TEAM_CHANNELS });
    return tx.teamChannel.create({ data: { teamId, kind: input.kind, label: input.label, target: target.data, locale: input.locale }, select: CHANNEL_SELECT });
  });
}

export async function removeTeamChannel(actor: TActor, teamId: string, channelId: string) {
  assertCan(actor, "oncall:manage");
  const { count } = await db().teamChannel.deleteMany({ where: { id: channelId, teamId } });
  if (count === 0) throw notFound("teamChannel");
}

/** A team's channels, oldest first, as the team page and API show them. */
export function listTeamChannels(teamId: string) {
  return db().teamChannel.findMany({ where: { teamId }, orderBy: { createdAt: "asc" }, select: CHANNEL_SELECT });
}

/** Where to post for a team: its channels with the team's name (none when the team has none or does not exist). */
export async function teamChannelAddresses(teamId: string): Promise<{ teamName: string | null; channels: TTeamChannelAddress[] }> {
  const team = await db().team.findUnique({
    where: { id: teamId },
    select: { name: true, channels: { orderBy: { createdAt: "asc" }, select: CHANNEL_SELECT } },
  });
  if (!team) return { teamName: null, channels: [] };
  return { teamName: team.name, channels: team.channels.map((channel) => ({ ...channel, teamId, teamName: team.name })) };
}
