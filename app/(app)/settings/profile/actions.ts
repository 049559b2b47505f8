"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { formText } from "@/lib/http/form-fields";
import { ZTimeZoneChoice } from "@/lib/users/schema";
import { setTimeZone } from "@/lib/users/service";

export async function setTimeZoneAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await setTimeZone(actor, parseForm(ZTimeZoneChoice, formText(formData, "timeZone")));
    // Every page shows times: all of them read the new zone.
    revalidatePath("/", "layout");
  });
}
