"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { getTranslator } from "@/lib/i18n/server";
import { LOCALES, type TLocale } from "@/lib/i18n/translate";
import { addContactMethod, addNotificationRule, removeContactMethod, removeNotificationRule, setNotificationLocale } from "@/lib/notifications/contact-methods";
import { sendTestNotification } from "@/lib/notifications/notify";
import { targetFromForm, ZContactMethodCreate, ZNotificationRuleCreate, ZPushSubscription, CONTACT_METHOD_KINDS, type TContactMethodKind } from "@/lib/notifications/schema";

const PAGE = "/settings/notifications";
const field = (formData: FormData, name: string) => String(formData.get(name) ?? "").trim();

export async function setNotificationLocaleAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const locale = field(formData, "locale");
    await setNotificationLocale(actor, ((LOCALES as readonly string[]).includes(locale) ? locale : "en") as TLocale);
    revalidatePath(PAGE);
  });
}

export async function addContactMethodAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const kind = field(formData, "kind") as TContactMethodKind;
    const target = (CONTACT_METHOD_KINDS as readonly string[]).includes(kind) ? targetFromForm(kind, field(formData, "address"), field(formData, "chatworkAccountId")) : {};
    await addContactMethod(actor, parseForm(ZContactMethodCreate, { kind, label: field(formData, "label"), target }));
    revalidatePath(PAGE);
  });
}

/** Called by the subscribe button with the browser's PushSubscription (as JSON). */
export async function addPushSubscriptionAction(subscription: unknown, label: string): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const parsed = parseForm(ZPushSubscription, subscription);
    await addContactMethod(actor, { kind: "webpush", label: label.slice(0, 100) || "Browser", target: parsed });
    revalidatePath(PAGE);
  });
}

export async function removeContactMethodAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await removeContactMethod(actor, field(formData, "contactMethodId"));
    revalidatePath(PAGE);
  });
}

export async function addRuleAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await addNotificationRule(
      actor,
      parseForm(ZNotificationRuleCreate, { contactMethodId: field(formData, "contactMethodId"), urgency: field(formData, "urgency"), delayMinutes: field(formData, "delayMinutes") }),
    );
    revalidatePath(PAGE);
  });
}

export async function removeRuleAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await removeNotificationRule(actor, field(formData, "ruleId"));
    revalidatePath(PAGE);
  });
}

export type TTestState = { ok: boolean; message: string } | null;

/** Sends a test to one of the signed-in user's methods and says, in their language, what happened. */
export async function testContactMethodAction(_previous: TTestState, formData: FormData): Promise<TTestState> {
  const actor = await requireUser();
  const { t } = await getTranslator();
  try {
    const result = await sendTestNotification(actor.id, field(formData, "contactMethodId"));
    const channel = t(`channels.kind.${result.channel}`);
    return { ok: result.ok, message: result.ok ? t("me.testOk", { channel, ms: result.latencyMs }) : t("me.testFailed", { channel, error: result.error }) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, message: t("error.notFound") };
    throw error;
  } finally {
    revalidatePath(PAGE);
  }
}
