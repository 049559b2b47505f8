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

/** The policy form in the API's shape; a step slot without targets is left out. */
function policyFromForm(formData: FormData) {
  const field = (name: string) => String(formData.get(name) ?? "").trim();
  const steps = Array.from({ length: MAX_STEPS }, (_, index) => {
    const chosen = (name: string) => formData.getAll(`step-${index}-${name}`).map(String).filter(Boolean);
    const targets = [
      ...chosen("schedules").map((scheduleId) => ({ kind: "schedule", scheduleId })),
      ...chosen("users").map((userId) => ({ kind: "user", userId })),
      ...chosen("teams").map((teamId) => ({ kind: "team_channel", teamId })),
    ];
    return { delayMinutes: Number(field(`step-${index}-delay`) || 5), targets };
  }).filter((step) => step.targets.length > 0);
  return { name: field("name"), description: field("description"), teamId: null, repeatCount: Number(field("repeatCount") || 0), steps };
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
    await updateEscalationPolicy(actor, String(formData.get("policyId") ?? ""), parseForm(ZEscalationPolicy, policyFromForm(formData)));
    revalidatePath("/escalation-policies", "layout");
  });
}

export async function deletePolicyAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  const state = await runAction(async () => {
    const actor = await requirePermission("service:manage");
    await deleteEscalationPolicy(actor, String(formData.get("policyId") ?? ""));
  });
  if (state?.ok) redirect("/escalation-policies");
  return state;
}

export async function setServiceEscalationAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requirePermission("service:manage");
    const field = (name: string) => String(formData.get(name) ?? "").trim();
    const urgencySettings = parseForm(ZUrgencySettings, {
      pageAlertLevels: formData.getAll("pageAlertLevels").map(String),
      pageBurnRateLevels: formData.getAll("pageBurnRateLevels").map(String),
      workingHours: { timeZone: field("timeZone"), days: formData.getAll("days").map(Number), start: field("start"), end: field("end") },
    });
    await setServiceEscalation(actor, field("serviceId"), { escalationPolicyId: field("escalationPolicyId") || null, urgencySettings });
    revalidatePath("/services", "layout");
  });
}

export async function setIntegrationPolicyAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requirePermission("integration:manage");
    await setIntegrationEscalationPolicy(actor, String(formData.get("integrationId") ?? ""), String(formData.get("escalationPolicyId") ?? "") || null);
    revalidatePath("/integrations", "layout");
  });
}

export async function escalateNowAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requirePermission("incident:write");
    await escalateIncidentNow(actor, String(formData.get("incidentId") ?? ""));
    revalidatePath("/incidents", "layout");
  });
}
