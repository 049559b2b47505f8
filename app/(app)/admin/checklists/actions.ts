"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { ZChecklistTemplateItemCreate } from "@/lib/checklists/schema";
import { addChecklistTemplateItem, removeChecklistTemplateItem } from "@/lib/checklists/service";
import { parseForm, runAction } from "@/lib/http/action";
import { formRecordId, formText } from "@/lib/http/form-fields";
import type { TActionState } from "@/lib/http/action-state";

export async function addChecklistItemAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const field = (name: string) => formText(formData, name);
    await addChecklistTemplateItem(actor, parseForm(ZChecklistTemplateItemCreate, { role: field("role"), textEn: field("textEn"), textJa: field("textJa") }));
    revalidatePath("/admin/checklists");
  });
}

export async function removeChecklistItemAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await removeChecklistTemplateItem(actor, formRecordId(formData, "itemId"));
    revalidatePath("/admin/checklists");
  });
}
