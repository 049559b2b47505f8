"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createIntegration, deleteIntegration, rotateIntegrationKey, updateIntegration } from "@/lib/alerts/integrations";
import { ZIntegrationCreate, ZIntegrationUpdate } from "@/lib/alerts/schema";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");

export async function createIntegrationAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  let createdId: string | undefined;
  const result = await runAction(async () => {
    const actor = await requireUser();
    const input = parseForm(ZIntegrationCreate, {
      name: field(formData, "name"),
      source: field(formData, "source"),
      defaultServiceId: field(formData, "defaultServiceId") || null,
      defaultSeverity: field(formData, "defaultSeverity"),
    });
    createdId = (await createIntegration(actor, input)).id;
  });
  if (createdId) redirect(`/integrations/${createdId}`);
  return result;
}

export async function updateRulesAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const integrationId = field(formData, "integrationId");
    const update = parseForm(ZIntegrationUpdate, {
      defaultServiceId: field(formData, "defaultServiceId") || null,
      defaultSeverity: field(formData, "defaultSeverity"),
      openIncidentAtOrAbove: field(formData, "openIncidentAtOrAbove"),
      minOccurrences: Number(field(formData, "minOccurrences")),
      groupWindowMinutes: Number(field(formData, "groupWindowMinutes")),
      autoMonitorOnResolve: formData.get("autoMonitorOnResolve") === "on",
      commanderId: field(formData, "commanderId"),
      severityMap: {
        critical: field(formData, "map.critical"),
        error: field(formData, "map.error"),
        warning: field(formData, "map.warning"),
        info: field(formData, "map.info"),
      },
      snsTopicArns: field(formData, "snsTopicArns").split(/\s+/).filter(Boolean),
    });
    await updateIntegration(actor, integrationId, update);
    revalidatePath(`/integrations/${integrationId}`);
  });
}

export async function rotateKeyAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const integrationId = field(formData, "integrationId");
    await rotateIntegrationKey(actor, integrationId);
    revalidatePath(`/integrations/${integrationId}`);
  });
}

export async function deleteIntegrationAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  const result = await runAction(async () => {
    const actor = await requireUser();
    await deleteIntegration(actor, field(formData, "integrationId"));
  });
  if (!result?.error) redirect("/integrations");
  return result;
}
