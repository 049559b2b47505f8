"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { ZEscalationPolicy, ZUrgencySettings, MAX_STEPS } from "@/lib/escalation/schema";
import {
  createEscalationPolicy,
  deleteEscalationPolicy,
  escalateIncidentNow,
  setIntegrationEscalationPolicy,
  setServiceEscalation,
  updateEscalationPolicy,
} from "@/lib/escalation/service";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { formList, formNumber, formOptionalText, formRecordId, formText } from "@/lib/http/form-fields";

/** The policy form in the API's shape; a step slot without targets is left out. */
function policyFromForm(formData: FormData) {
  const steps = Array.from({ length: MAX_STEPS }, (_, index) => {
    const chosen = (name: string) => formList(formData, `step-${index}-${name}`).filter(Boolean);
    const targets = [
      ...chosen("schedules").map((scheduleId) => ({ kind: "schedule", scheduleId })),
      ...chosen("users").map((userId) => ({ kind: "user", userId })),
      ...chosen("teams").map((teamId) => ({ kind: "team_channel", teamId })),
    ];
    return { delayMinutes: formNumber(formData, `step-${index}-delay`) ?? 5, targets };
  }).filter((step) => step.targets.length > 0);
  return {
    name: formText(formData, "name"),
    description: formText(formData, "description") ?? "",
    teamId: null,
    repeatCount: formNumber(formData, "repeatCount") ?? 0,
    steps,
  };
}

export async function createPolicyAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  let createdId = "";
  const state = await runAction(async () => {
    const actor = await requirePermission("service:manage");
    createdId = (await createEscalationPolicy(actor, parseForm(ZEscalationPolicy, policyFromForm(formData)))).id;
    revalidatePath("/escalation-policies");
  });
  if (createdId) redirect(`/escalation-policies/${createdId}`);
  return state;
}

export async function updatePolicyAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requirePermission("service:manage");
    await updateEscalationPolicy(actor, formRecordId(formData, "policyId"), parseForm(ZEscalationPolicy, policyFromForm(formData)));
    revalidatePath("/escalation-policies", "layout");
  });
}

export async function deletePolicyAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  const state = await runAction(async () => {
    const actor = await requirePermission("service:manage");
    await deleteEscalationPolicy(actor, formRecordId(formData, "policyId"));
  });
  if (state?.ok) redirect("/escalation-policies");
  return state;
}

export async function setServiceEscalationAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requirePermission("service:manage");
    const urgencySettings = parseForm(ZUrgencySettings, {
      pageAlertLevels: formList(formData, "pageAlertLevels"),
      pageBurnRateLevels: formList(formData, "pageBurnRateLevels"),
      workingHours: {
        timeZone: formText(formData, "timeZone"),
        days: formList(formData, "days").map(Number),
        start: formText(formData, "start"),
        end: formText(formData, "end"),
      },
    });
    await setServiceEscalation(actor, formRecordId(formData, "serviceId"), { escalationPolicyId: formOptionalText(formData, "escalationPolicyId"), urgencySettings });
    revalidatePath("/services", "layout");
  });
}

export async function setIntegrationPolicyAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requirePermission("integration:manage");
    await setIntegrationEscalationPolicy(actor, formRecordId(formData, "integrationId"), formOptionalText(formData, "escalationPolicyId"));
    revalidatePath("/integrations", "layout");
  });
}

export async function escalateNowAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requirePermission("incident:write");
    await escalateIncidentNow(actor, formRecordId(formData, "incidentId"));
    revalidatePath("/incidents", "layout");
  });
}
