import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { invalidFields, notFound, unprocessable } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TLocale } from "@/lib/i18n/translate";
import { TARGET_SCHEMAS, type TContactMethodCreate, type TNotificationRuleCreate } from "./schema";

const MAX_METHODS_PER_USER = 20;

/** Adds one of the actor's own contact methods, with a rule to use it at once for both urgencies (the page lets them change that). */
export async function addContactMethod(actor: TActor, input: TContactMethodCreate): Promise<{ id: string }> {
  const parsed = TARGET_SCHEMAS[input.kind].safeParse(input.target);
  if (!parsed.success) throw invalidFields(parsed.error.issues, { prefix: "target" });
  const target = parsed.data as Prisma.InputJsonObject;
  return db().$transaction(async (tx) => {
    if ((await tx.contactMethod.count({ where: { userId: actor.id } })) >= MAX_METHODS_PER_USER) {
      throw unprocessable("errors.contact.limit", { max: MAX_METHODS_PER_USER });
    }
    if (input.kind === "webpush") {
      // The same browser subscribing again replaces its old subscription.
      const endpoint = (target as { endpoint: string }).endpoint;
      await tx.contactMethod.deleteMany({ where: { userId: actor.id, kind: "webpush", target: { path: ["endpoint"], equals: endpoint } } });
    }
    const method = await tx.contactMethod.create({ data: { userId: actor.id, kind: input.kind, label: input.label, target } });
    await tx.notificationRule.createMany({
      data: (["high", "low"] as const).map((urgency) => ({ userId: actor.id, contactMethodId: method.id, urgency, delayMinutes: 0 })),
    });
    return { id: method.id };
  });
}

export async function removeContactMethod(actor: TActor, id: string): Promise<void> {
  const { count } = await db().contactMethod.deleteMany({ where: { id, userId: actor.id } });
  if (count === 0) throw notFound("contactMethod");
}

export async function addNotificationRule(actor: TActor, input: TNotificationRuleCreate): Promise<{ id: string }> {
  const method = await db().contactMethod.findFirst({ where: { id: input.contactMethodId, userId: actor.id }, select: { id: true } });
  if (!method) throw notFound("contactMethod");
  const existing = await db().notificationRule.findFirst({ where: { contactMethodId: method.id, urgency: input.urgency, delayMinutes: input.delayMinutes } });
  if (existing) return { id: existing.id };
  return db().notificationRule.create({ data: { userId: actor.id, ...input }, select: { id: true } });
}

export async function removeNotificationRule(actor: TActor, id: string): Promise<void> {
  const { count } = await db().notificationRule.deleteMany({ where: { id, userId: actor.id } });
  if (count === 0) throw notFound("notificationRule");
}

/** The language of the actor's notifications. */
export async function setNotificationLocale(actor: TActor, locale: TLocale): Promise<void> {
  await db().user.update({ where: { id: actor.id }, data: { locale } });
}
