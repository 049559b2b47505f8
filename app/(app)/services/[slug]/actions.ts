"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { BURN_RATE_FACTOR_FIELDS, ZSloCreate, ZSloUpdate } from "@/lib/slo/schema";
import { createSlo, deleteSlo, updateSlo } from "@/lib/slo/service";

/**
 * The SLO form's fields in the API's shape. All four factors blank: none of the SLO's own (the
 * workbook's, scaled to the window); some blank: refused by the schema rather than half applied.
 */
function sloFieldsFromForm(formData: FormData) {
  const field = (name: string) => String(formData.get(name) ?? "").trim();
  const threshold = field("latencyThresholdMs");
  const factors = BURN_RATE_FACTOR_FIELDS.map(field);
  const prometheusUrl = field("prometheusUrl");
  return {
    name: field("name"),
    kind: field("kind"),
    objectivePercent: Number(field("objectivePercent")),
    window: field("window"),
    timeZone: field("timeZone") || "UTC",
    latencyThresholdMs: threshold ? Number(threshold) : null,
    description: field("description"),
    source: field("source") || "push",
    prometheus: prometheusUrl ? { url: prometheusUrl, goodQuery: field("prometheusGoodQuery"), totalQuery: field("prometheusTotalQuery") } : null,
    burnRateFactors: factors.every((factor) => factor === "") ? null : factors.map((factor) => (factor === "" ? Number.NaN : Number(factor))),
  };
}

export async function createSloAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await createSlo(actor, parseForm(ZSloCreate, { serviceId: String(formData.get("serviceId") ?? ""), ...sloFieldsFromForm(formData) }));
    revalidatePath("/services", "layout");
  });
}

export async function updateSloAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await updateSlo(actor, String(formData.get("sloId") ?? ""), parseForm(ZSloUpdate, sloFieldsFromForm(formData)));
    revalidatePath("/services", "layout");
  });
}

export async function deleteSloAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await deleteSlo(actor, String(formData.get("sloId") ?? ""));
    revalidatePath("/services", "layout");
  });
}
