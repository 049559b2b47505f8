"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import { formNumber, formRecordId, formText } from "@/lib/http/form-fields";
import type { TActionState } from "@/lib/http/action-state";
import { ZApiTokenCreate } from "@/lib/users/schema";
import { createApiToken, revokeApiToken } from "@/lib/users/service";

export async function createTokenAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const { name, expiresInDays } = parseForm(ZApiTokenCreate, { name: formText(formData, "name"), expiresInDays: formNumber(formData, "expiresInDays") });
    const created = await createApiToken(actor, name, expiresInDays);
    revalidatePath("/settings/tokens");
    return { ok: true, secret: created.token };
  });
}

export async function revokeTokenAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await revokeApiToken(actor, formRecordId(formData, "tokenId"));
    revalidatePath("/settings/tokens");
  });
}
