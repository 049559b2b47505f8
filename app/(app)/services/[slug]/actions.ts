"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import { formNumber, formOptionalText, formRecordId, formText } from "@/lib/http/form-fields";
import type { TActionState } from "@/lib/http/action-state";
import { BURN_RATE_FACTOR_FIELDS, ZSloCreate, ZSloUpdate } from "@/lib/slo/schema";
import { createSlo, deleteSlo, updateSlo } from "@/lib/slo/service";

/**
 * The SLO form's fields in the API's shape. All four factors blank: none of the SLO's own (the
 * workbook's, scaled to the window); some blank: refused by the schema rather than half applied.
 */
function sloFieldsFromForm(formData: FormData) {
  const field = (name: string) => formText(formData, name);
  const factors = BURN_RATE_FACTOR_FIELDS.map((name) => formNumber(formData, name));
  const prometheusUrl = formOptionalText(formData, "prometheusUrl")?.trim();
  return {
    name: field("name"),
    kind: field("kind"),
    objectivePercent: formNumber(formData, "objectivePercent"),
    window: field("window"),
    timeZone: formOptionalText(formData, "timeZone")?.trim() ?? "UTC",
    latencyThresholdMs: formNumber(formData, "latencyThresholdMs") ?? null,
    description: field("description"),
    source: formOptionalText(formData, "source") ?? "push",
    prometheus: prometheusUrl ? { url: prometheusUrl, goodQuery: field("prometheusGoodQuery"), totalQuery: field("prometheusTotalQuery") } : null,
    burnRateFactors: factors.every((factor) => factor === undefined) ? null : factors,
  };
}

export async function createSloAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await createSlo(actor, parseForm(ZSloCreate, { serviceId: formRecordId(formData, "serviceId"), ...sloFieldsFromForm(formData) }));
    revalidatePath("/services", "layout");
  });
}

export async function updateSloAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await updateSlo(actor, formRecordId(formData, "sloId"), parseForm(ZSloUpdate, sloFieldsFromForm(formData)));
    revalidatePath("/services", "layout");
  });
}

export async function deleteSloAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await deleteSlo(actor, formRecordId(formData, "sloId"));
    revalidatePath("/services", "layout");
  });
}
