import { db } from "@/lib/db/prisma";
import { OPEN_STATUSES } from "@/lib/incidents/rules";

export function listServices() {
  return db().service.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      ownerTeam: true,
      description: true,
      escalationPolicyId: true,
      _count: { select: { incidents: { where: { incident: { status: { in: [...OPEN_STATUSES] } } } } } },
    },
  });
}
export type TServiceListItem = Awaited<ReturnType<typeof listServices>>[number];

export function getServiceBySlug(slug: string) {
  return db().service.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, ownerTeam: true, description: true } });
}
