"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { formEnum, formRecordId, formText } from "@/lib/http/form-fields";
import { getTranslator } from "@/lib/i18n/server";
import { LOCALES } from "@/lib/i18n/translate";
import { addContactMethod, addNotificationRule, removeContactMethod, removeNotificationRule, setNotificationLocale } from "@/lib/notifications/contact-methods";
import { sendTestNotification } from "@/lib/notifications/notify";
import { targetFromForm, ZContactMethodCreate, ZNotificationRuleCreate, ZPushSubscription, CONTACT_METHOD_KINDS } from "@/lib/notifications/schema";

const PAGE = "/settings/notifications";

export async function setNotificationLocaleAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await setNotificationLocale(actor, formEnum(formData, "locale", LOCALES) ?? "en");
    revalidatePath(PAGE);
  });
}

export async function addContactMethodAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const kind = formEnum(formData, "kind", CONTACT_METHOD_KINDS);
    const target = kind ? targetFromForm(kind, formText(formData, "address")?.trim() ?? "", formText(formData, "chatworkAccountId")?.trim() ?? "") : {};
    await addContactMethod(actor, parseForm(ZContactMethodCreate, { kind, label: formText(formData, "label"), target }));
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
    await removeContactMethod(actor, formRecordId(formData, "contactMethodId"));
    revalidatePath(PAGE);
  });
}

export async function addRuleAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await addNotificationRule(
      actor,
      parseForm(ZNotificationRuleCreate, {
        contactMethodId: formText(formData, "contactMethodId"),
        urgency: formText(formData, "urgency"),
        delayMinutes: formText(formData, "delayMinutes"),
      }),
    );
    revalidatePath(PAGE);
  });
}

export async function removeRuleAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await removeNotificationRule(actor, formRecordId(formData, "ruleId"));
    revalidatePath(PAGE);
  });
}

export type TTestState = { ok: boolean; message: string } | null;

/** Sends a test to one of the signed-in user's methods and says, in their language, what happened. */
export async function testContactMethodAction(_previous: TTestState, formData: FormData): Promise<TTestState> {
  const actor = await requireUser();
  const { t } = await getTranslator();
  try {
    const result = await sendTestNotification(actor.id, formText(formData, "contactMethodId") ?? "");
    const channel = t(`channels.kind.${result.channel}`);
    return { ok: result.ok, message: result.ok ? t("me.testOk", { channel, ms: result.latencyMs }) : t("me.testFailed", { channel, error: result.error }) };
  } catch (error) {
    if (error instanceof DomainError && error.status === 429) return { ok: false, message: t("me.testLimited", { seconds: error.retryAfterSeconds ?? 60 }) };
    if (error instanceof DomainError) return { ok: false, message: t("error.notFound") };
    throw error;
  } finally {
    revalidatePath(PAGE);
  }
}
