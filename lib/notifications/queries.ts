import { db } from "@/lib/db/prisma";

/** A user's contact methods with their rules, for the profile; targets shown as an address, never a push key. */
export async function listContactMethods(userId: string) {
  const methods = await db().contactMethod.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    include: { rules: { orderBy: [{ urgency: "asc" }, { delayMinutes: "asc" }], select: { id: true, urgency: true, delayMinutes: true } } },
  });
  return methods.map((method) => ({ id: method.id, kind: method.kind, label: method.label, address: describeTarget(method.target), rules: method.rules }));
}

function describeTarget(target: unknown): string {
  const value = (target ?? {}) as Record<string, unknown>;
  if (typeof value.endpoint === "string") return new URL(value.endpoint).host;
  for (const field of ["address", "phone", "conversation", "topic", "roomId"]) if (typeof value[field] === "string" && value[field]) return value[field];
  return "";
}

const ATTEMPT_FIELDS = { id: true, channel: true, methodLabel: true, test: true, ok: true, error: true, latencyMs: true, attemptedAt: true, incidentId: true } as const;

/** The user's latest delivery attempts, newest first. */
export async function listNotificationAttempts(userId: string, limit = 50) {
  return db().notificationAttempt.findMany({ where: { userId }, orderBy: { attemptedAt: "desc" }, take: limit, select: ATTEMPT_FIELDS });
}

/** Every delivery attempt about one incident, oldest first, with who was notified (a person, or a team's channel). */
export async function listIncidentNotificationAttempts(incidentId: string) {
  return db().notificationAttempt.findMany({
    where: { incidentId },
    orderBy: { attemptedAt: "asc" },
    select: { ...ATTEMPT_FIELDS, user: { select: { id: true, name: true } }, team: { select: { id: true, name: true } } },
  });
}

export async function notificationLocale(userId: string): Promise<string> {
  return (await db().user.findUniqueOrThrow({ where: { id: userId }, select: { locale: true } })).locale;
}
