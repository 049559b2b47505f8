"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import { formCheckbox, formRecordId, formText } from "@/lib/http/form-fields";
import type { TActionState } from "@/lib/http/action-state";
import { ZUserCreate, ZUserUpdate } from "@/lib/users/schema";
import { createUser, revokeApiToken, updateUser } from "@/lib/users/service";

export async function createUserAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const field = (name: string) => formText(formData, name);
    await createUser(actor, parseForm(ZUserCreate, { name: field("name"), email: field("email"), role: field("role"), password: field("password") }));
    revalidatePath("/admin/users");
  });
}

export async function updateUserAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const userId = formRecordId(formData, "userId");
    const update = formData.has("role") ? { role: formText(formData, "role") } : { disabled: formCheckbox(formData, "disabled") };
    await updateUser(actor, userId, parseForm(ZUserUpdate, update));
    revalidatePath("/admin/users");
  });
}

export async function revokeUserTokenAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await revokeApiToken(actor, formRecordId(formData, "tokenId"));
    revalidatePath("/admin/users");
  });
}
