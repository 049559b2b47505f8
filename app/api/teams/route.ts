import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { listTeams } from "@/lib/oncall/queries";
import { ZTeamCreate } from "@/lib/oncall/schema";
import { createTeam } from "@/lib/oncall/service";

export const GET = apiRoute(async (request) => {
  await requireApiActor(request, "incident:read");
  return json({ teams: await listTeams() });
});

export const POST = apiRoute(async (request) => {
  const actor = await requireApiActor(request, "oncall:manage");
  return json(await createTeam(actor, await readJson(request, ZTeamCreate)), 201);
});
