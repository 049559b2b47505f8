import { apiRoute, json, notFoundResponse, readJson, requireApiActor } from "@/lib/http/api";
import { teamIdBySlug } from "@/lib/oncall/queries";
import { ZTeamChannelCreate } from "@/lib/oncall/schema";
import { addTeamChannel, listTeamChannels } from "@/lib/oncall/team-channels";

/** The team's chat channels: where escalation steps naming the team and shift-change notices are posted. */
export const GET = apiRoute<{ slug: string }>(async (request, { slug }) => {
  await requireApiActor(request, "incident:read");
  const teamId = await teamIdBySlug(slug);
  if (!teamId) return notFoundResponse("Team");
  return json({ channels: await listTeamChannels(teamId) });
});

export const POST = apiRoute<{ slug: string }>(async (request, { slug }) => {
  const actor = await requireApiActor(request, "oncall:manage");
  const input = await readJson(request, ZTeamChannelCreate);
  const teamId = await teamIdBySlug(slug);
  if (!teamId) return notFoundResponse("Team");
  return json(await addTeamChannel(actor, teamId, input), 201);
});
