"use server";

import type { TLinkResult } from "@/lib/escalation/schema";
import { applyActionLink } from "@/lib/escalation/action-tokens";
import { formText } from "@/lib/http/form-fields";

/**
 * The one-tap link's POST: no session, the token is the authority. Server actions are refused by
 * Next from another origin, so a page elsewhere cannot submit someone's link for them.
 */
export async function applyActionLinkAction(_previous: TLinkResult, formData: FormData): Promise<TLinkResult> {
  return applyActionLink(formText(formData, "token") ?? "", new Date());
}
