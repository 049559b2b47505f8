"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createIntegration, deleteIntegration, rotateIntegrationKey, updateIntegration } from "@/lib/alerts/integrations";
import { ZIntegrationCreate, ZIntegrationUpdate } from "@/lib/alerts/schema";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { formCheckbox, formNumber, formOptionalText, formRecordId, formText } from "@/lib/http/form-fields";

export async function createIntegrationAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  let createdId: string | undefined;
  const result = await runAction(async () => {
    const actor = await requireUser();
    const input = parseForm(ZIntegrationCreate, {
      name: formText(formData, "name"),
      source: formText(formData, "source"),
      defaultServiceId: formOptionalText(formData, "defaultServiceId"),
      defaultSeverity: formText(formData, "defaultSeverity"),
    });
    createdId = (await createIntegration(actor, input)).id;
  });
  if (createdId) redirect(`/integrations/${createdId}`);
  return result;
}

export async function updateRulesAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const integrationId = formRecordId(formData, "integrationId");
    const update = parseForm(ZIntegrationUpdate, {
      defaultServiceId: formOptionalText(formData, "defaultServiceId"),
      defaultSeverity: formText(formData, "defaultSeverity"),
      openIncidentAtOrAbove: formText(formData, "openIncidentAtOrAbove"),
      minOccurrences: formNumber(formData, "minOccurrences"),
      groupWindowMinutes: formNumber(formData, "groupWindowMinutes"),
      autoMonitorOnResolve: formCheckbox(formData, "autoMonitorOnResolve"),
      commanderId: formText(formData, "commanderId"),
      severityMap: {
        critical: formText(formData, "map.critical"),
        error: formText(formData, "map.error"),
        warning: formText(formData, "map.warning"),
        info: formText(formData, "map.info"),
      },
      snsTopicArns: formText(formData, "snsTopicArns")?.split(/\s+/).filter(Boolean),
    });
    await updateIntegration(actor, integrationId, update);
    revalidatePath(`/integrations/${integrationId}`);
  });
}

export async function rotateKeyAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const integrationId = formRecordId(formData, "integrationId");
    await rotateIntegrationKey(actor, integrationId);
    revalidatePath(`/integrations/${integrationId}`);
  });
}

export async function deleteIntegrationAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  const result = await runAction(async () => {
    const actor = await requireUser();
    await deleteIntegration(actor, formRecordId(formData, "integrationId"));
  });
  if (!result?.error) redirect("/integrations");
  return result;
}
