import { apiRoute, json, notFoundResponse, readJson, requireApiActor } from "@/lib/http/api";
import { getTeamBySlug, teamIdBySlug } from "@/lib/oncall/queries";
import { ZTeamUpdate } from "@/lib/oncall/schema";
import { deleteTeam, updateTeam } from "@/lib/oncall/service";

/** The team with its members, services, rotations and schedules. */
export const GET = apiRoute<{ slug: string }>(async (request, { slug }) => {
  await requireApiActor(request, "incident:read");
  const team = await getTeamBySlug(slug);
  return team ? json(team) : notFoundResponse("Team");
});

export const PATCH = apiRoute<{ slug: string }>(async (request, { slug }) => {
  const actor = await requireApiActor(request, "oncall:manage");
  const input = await readJson(request, ZTeamUpdate);
  const teamId = await teamIdBySlug(slug);
  if (!teamId) return notFoundResponse("Team");
  return json(await updateTeam(actor, teamId, input));
});

/** Deletes the team with its rotations and schedules; its services stay, without a team. */
export const DELETE = apiRoute<{ slug: string }>(async (request, { slug }) => {
  const actor = await requireApiActor(request, "oncall:manage");
  const teamId = await teamIdBySlug(slug);
  if (!teamId) return notFoundResponse("Team");
  await deleteTeam(actor, teamId);
  return json({ deleted: true });
});
