"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { ZSloCreate } from "@/lib/slo/schema";
import { createSlo } from "@/lib/slo/service";

export async function createSloAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const field = (name: string) => String(formData.get(name) ?? "");
    const threshold = field("latencyThresholdMs");
    await createSlo(
      actor,
      parseForm(ZSloCreate, {
        serviceId: field("serviceId"),
        name: field("name"),
        kind: field("kind"),
        objectivePercent: Number(field("objectivePercent")),
        window: field("window"),
        timeZone: field("timeZone") || "UTC",
        latencyThresholdMs: threshold ? Number(threshold) : undefined,
      }),
    );
    revalidatePath("/services", "layout");
  });
}
