import { db } from "@/lib/db/prisma";

export function listStakeholderUpdates(incidentId: string) {
  return db().stakeholderUpdate.findMany({
    where: { incidentId },
    orderBy: { publishedAt: "desc" },
    select: { id: true, status: true, impact: true, message: true, nextUpdateAt: true, publishedAt: true, author: { select: { name: true } } },
  });
}
export type TStakeholderUpdateView = Awaited<ReturnType<typeof listStakeholderUpdates>>[number];

export function listOutgoingWebhooks() {
  return db().outgoingWebhook.findMany({
    where: { deletedAt: null },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      kind: true,
      url: true,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: 20,
        select: {
          id: true,
          status: true,
          attempts: true,
          httpStatus: true,
          lastError: true,
          createdAt: true,
          deliveredAt: true,
          update: { select: { incident: { select: { number: true } } } },
        },
      },
    },
  });
}
