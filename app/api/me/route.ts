import { apiRoute, json, requireApiActor } from "@/lib/http/api";

export const GET = apiRoute(async (request) => json(await requireApiActor(request)));
