"use server";

import { formText } from "@/lib/http/form-fields";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { CHANNEL_FIELDS } from "@/lib/notifications/channel-fields";
import { deleteChannel, saveChannel } from "@/lib/notifications/channel-store";
import { ensureVapidKeys } from "@/lib/notifications/vapid";
import { CHANNEL_KINDS, type TChannelKind } from "@/lib/notifications/schema";

function channelKind(formData: FormData): TChannelKind {
  const kind = String(formData.get("kind") ?? "");
  if (!(CHANNEL_KINDS as readonly string[]).includes(kind))
    throw new DomainError(400, "invalid_request", "errors.form.unknownKind", { kinds: CHANNEL_KINDS.join(", ") });
  return kind as TChannelKind;
}

export async function saveChannelAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const kind = channelKind(formData);
    const settings: Record<string, unknown> = {};
    const secrets: Record<string, string> = {};
    for (const field of CHANNEL_FIELDS[kind]) {
      // Secrets as typed (a password may begin or end with a space); the rest trimmed.
      const typed = formText(formData, field.name) ?? "";
      if (field.secret) secrets[field.name] = typed;
      else if (typed.trim() !== "" || field.required) settings[field.name] = typed.trim();
    }
    if (kind === "webpush") {
      // The key pair is made by Firebreak, never typed in: only the contact changes.
      settings.publicKey = await ensureVapidKeys();
    }
    await saveChannel(actor, kind, { enabled: formData.get("enabled") === "on", settings, secrets });
    revalidatePath("/admin/notifications");
  });
}

export async function deleteChannelAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await deleteChannel(actor, channelKind(formData));
    revalidatePath("/admin/notifications");
  });
}
