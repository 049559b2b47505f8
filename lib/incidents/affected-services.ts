import type { TTransaction } from "@/lib/db/prisma";
import { unprocessable } from "@/lib/errors";

/** The services an incident is to affect, by name; an unknown id refuses the whole change. */
export async function findAffectedServices(tx: TTransaction, serviceIds: string[]) {
  const services = await tx.service.findMany({ where: { id: { in: serviceIds } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const unknown = serviceIds.filter((id) => !services.some((service) => service.id === id));
  if (unknown.length > 0) throw unprocessable("errors.incident.unknownServices", { ids: unknown.join(", ") });
  return services;
}
