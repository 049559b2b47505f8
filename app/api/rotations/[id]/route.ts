import { apiRoute, json, readJson, requireApiActor } from "@/lib/http/api";
import { ZRotationMembers } from "@/lib/oncall/schema";
import { deleteRotation, setRotationMembers } from "@/lib/oncall/service";

/** Replaces the rotation's members, in shift order. */
export const PATCH = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "oncall:manage");
  const { memberIds } = await readJson(request, ZRotationMembers);
  await setRotationMembers(actor, id, memberIds);
  return json({ id, memberIds });
});

export const DELETE = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "oncall:manage");
  await deleteRotation(actor, id);
  return json({ deleted: true });
});
