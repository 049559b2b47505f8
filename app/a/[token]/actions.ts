"use server";

import { applyActionLink } from "@/lib/escalation/action-tokens";

export type TLinkResult = { outcome: string; reference?: string; by?: string; reason?: string } | null;

/**
 * The one-tap link's POST: no session, the token is the authority. Server actions are refused by
 * Next from another origin, so a page elsewhere cannot submit someone's link for them.
 */
export async function applyActionLinkAction(_previous: TLinkResult, formData: FormData): Promise<TLinkResult> {
  return applyActionLink(String(formData.get("token") ?? ""), new Date());
}
