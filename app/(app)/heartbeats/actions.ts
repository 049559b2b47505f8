"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/session";
import { ZHeartbeatCreate } from "@/lib/heartbeats/schema";
import { createHeartbeat, deleteHeartbeat, heartbeatPingUrl, rotateHeartbeatToken } from "@/lib/heartbeats/service";
import { parseForm, runAction } from "@/lib/http/action";
import { formNumber, formRecordId, formText } from "@/lib/http/form-fields";
import type { TActionState } from "@/lib/http/action-state";

export async function createHeartbeatAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requirePermission("integration:manage");
    const input = parseForm(ZHeartbeatCreate, {
      name: formText(formData, "name"),
      integrationId: formText(formData, "integrationId"),
      intervalMinutes: formNumber(formData, "intervalMinutes"),
      graceMinutes: formNumber(formData, "graceMinutes"),
      severity: formText(formData, "severity"),
    });
    const created = await createHeartbeat(actor, input);
    revalidatePath("/heartbeats");
    return { ok: true, secret: heartbeatPingUrl(created.token) };
  });
}

export async function rotateHeartbeatAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requirePermission("integration:manage");
    const { token } = await rotateHeartbeatToken(actor, formRecordId(formData, "heartbeatId"));
    revalidatePath("/heartbeats");
    return { ok: true, secret: heartbeatPingUrl(token) };
  });
}

export async function deleteHeartbeatAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requirePermission("integration:manage");
    await deleteHeartbeat(actor, formRecordId(formData, "heartbeatId"));
    revalidatePath("/heartbeats");
  });
}
