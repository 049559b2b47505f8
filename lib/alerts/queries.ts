import { publicUrl } from "@/lib/http/public-url";
import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AlertSource, AlertStatus } from "@/lib/generated/prisma/enums";

/** The public URL a sender posts to. */
export function webhookUrl(key: string): string {
  return publicUrl(`/api/integrations/${key}/alerts`);
}

export async function listIntegrations() {
  const integrations = await db().integration.findMany({
    where: { deletedAt: null },
    orderBy: { createdAt: "asc" },
    include: {
      defaultService: { select: { id: true, name: true, slug: true } },
      commander: { select: { id: true, name: true } },
      _count: { select: { alerts: { where: { status: "firing" } } } },
    },
  });
  const lastReceived = await db().alertDelivery.groupBy({
    by: ["integrationId"],
    _max: { receivedAt: true },
    where: { integrationId: { in: integrations.map((integration) => integration.id) } },
  });
  return integrations.map((integration) => ({
    ...integration,
    webhookUrl: webhookUrl(integration.key),
    firingAlerts: integration._count.alerts,
    lastReceivedAt: lastReceived.find((row) => row.integrationId === integration.id)?._max.receivedAt ?? null,
  }));
}
export type TIntegrationListItem = Awaited<ReturnType<typeof listIntegrations>>[number];

/** The last 50 deliveries of an integration, newest first, without their bodies. */
export function listRecentDeliveries(integrationId: string, take = 50) {
  return db().alertDelivery.findMany({
    where: { integrationId },
    orderBy: { id: "desc" },
    take,
    select: { id: true, receivedAt: true, accepted: true, httpStatus: true, reason: true, alertCount: true, bodyRemovedAt: true },
  });
}
export type TDeliveryListItem = Awaited<ReturnType<typeof listRecentDeliveries>>[number];

export function getDeliveryPayload(deliveryId: bigint) {
  return db().alertDelivery.findUnique({
    where: { id: deliveryId },
    select: { id: true, body: true, bodyRemovedAt: true, accepted: true, receivedAt: true, integration: { select: { name: true, source: true } } },
  });
}

/** Deliveries refused for rate (429) that are still on record, and when the last one was. */
export async function intakeRefusals(integrationId: string): Promise<{ count: number; lastAt: Date | null }> {
  const refused = await db().intakeMinute.aggregate({
    where: { integrationId, refused: { gt: 0 } },
    _sum: { refused: true },
    _max: { lastRefusedAt: true },
  });
  return { count: refused._sum.refused ?? 0, lastAt: refused._max.lastRefusedAt };
}

const ALERT_SELECT = {
  id: true,
  source: true,
  dedupKey: true,
  status: true,
  severity: true,
  sourceSeverity: true,
  title: true,
  description: true,
  labels: true,
  links: true,
  startsAt: true,
  endsAt: true,
  firstSeenAt: true,
  lastSeenAt: true,
  occurrences: true,
  acknowledgedAt: true,
  firstDeliveryId: true,
  lastDeliveryId: true,
  integration: { select: { id: true, name: true } },
  service: { select: { id: true, name: true, slug: true } },
  incident: { select: { id: true, number: true, title: true, status: true } },
} satisfies Prisma.AlertSelect;

export type TAlertFilter = { status?: AlertStatus; source?: AlertSource; integrationId?: string; service?: string; limit: number };

export function listAlerts(filter: TAlertFilter) {
  const where: Prisma.AlertWhereInput = {};
  if (filter.status) where.status = filter.status;
  if (filter.source) where.source = filter.source;
  if (filter.integrationId) where.integrationId = filter.integrationId;
  if (filter.service) where.service = { OR: [{ id: filter.service }, { slug: filter.service }] };
  return db().alert.findMany({ where, orderBy: { lastSeenAt: "desc" }, take: filter.limit, select: ALERT_SELECT });
}
export type TAlertListItem = Awaited<ReturnType<typeof listAlerts>>[number];

export function listIncidentAlerts(incidentId: string) {
  return db().alert.findMany({ where: { incidentId }, orderBy: [{ status: "asc" }, { firstSeenAt: "asc" }], select: ALERT_SELECT });
}

export async function getIntegration(integrationId: string) {
  const integration = await db().integration.findFirst({
    where: { id: integrationId, deletedAt: null },
    include: { defaultService: { select: { id: true, name: true } }, commander: { select: { id: true, name: true } } },
  });
  return integration ? { ...integration, webhookUrl: webhookUrl(integration.key) } : null;
}
