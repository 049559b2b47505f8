"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { ZServiceCreate } from "@/lib/catalog/schema";
import { createService } from "@/lib/catalog/service";
import { parseForm, runAction } from "@/lib/http/action";
import { formOptionalText, formText } from "@/lib/http/form-fields";
import type { TActionState } from "@/lib/http/action-state";

export async function createServiceAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const field = (name: string) => formText(formData, name);
    await createService(
      actor,
      parseForm(ZServiceCreate, { name: field("name"), slug: formOptionalText(formData, "slug") ?? undefined, ownerTeam: field("ownerTeam"), description: field("description") }),
    );
    revalidatePath("/services");
  });
}
