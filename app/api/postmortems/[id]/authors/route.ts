import { z } from "zod";
import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { addPostmortemAuthor } from "@/lib/postmortems/service";

const ZAuthor = z.object({ userId: z.string().min(1) }).strict();

/** Adds an author (an active responder or admin); authors cannot approve the postmortem. */
export const POST = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "incident:write");
  await addPostmortemAuthor(actor, id, (await readJson(request, ZAuthor)).userId);
  return json({ added: true }, 201);
});
