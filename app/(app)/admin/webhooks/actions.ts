"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { ZOutgoingWebhookCreate } from "@/lib/communications/schema";
import { createOutgoingWebhook, deleteOutgoingWebhook } from "@/lib/communications/service";
import { parseForm, runAction } from "@/lib/http/action";
import { formRecordId, formText } from "@/lib/http/form-fields";
import type { TActionState } from "@/lib/http/action-state";

export async function createWebhookAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const field = (name: string) => formText(formData, name);
    await createOutgoingWebhook(actor, parseForm(ZOutgoingWebhookCreate, { name: field("name"), kind: field("kind"), url: field("url") }));
    revalidatePath("/admin/webhooks");
  });
}

export async function deleteWebhookAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await deleteOutgoingWebhook(actor, formRecordId(formData, "webhookId"));
    revalidatePath("/admin/webhooks");
  });
}
