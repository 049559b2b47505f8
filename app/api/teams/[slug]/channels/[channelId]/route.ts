import { apiRoute, json, notFoundResponse, requireApiActor } from "@/lib/http/api";
import { teamIdBySlug } from "@/lib/oncall/queries";
import { removeTeamChannel } from "@/lib/oncall/team-channels";

export const DELETE = apiRoute<{ slug: string; channelId: string }>(async (request, { slug, channelId }) => {
  const actor = await requireApiActor(request, "oncall:manage");
  const teamId = await teamIdBySlug(slug);
  if (!teamId) return notFoundResponse("Team");
  await removeTeamChannel(actor, teamId, channelId);
  return json({ deleted: true });
});
