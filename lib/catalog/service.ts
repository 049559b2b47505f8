import { assertCan, type TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { conflict, unprocessable } from "@/lib/errors";
import { slugify, type TServiceCreate } from "./schema";

export async function createService(actor: TActor, input: TServiceCreate) {
  assertCan(actor, "service:manage");
  const slug = input.slug ?? slugify(input.name);
  if (!slug) throw unprocessable("errors.service.slugMissing");
  const existing = await db().service.findUnique({ where: { slug } });
  if (existing) throw conflict("errors.service.slugTaken", { slug });
  return db().service.create({ data: { name: input.name, slug, ownerTeam: input.ownerTeam, description: input.description } });
}
