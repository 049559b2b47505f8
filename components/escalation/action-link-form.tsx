"use client";

import { useActionState } from "react";
import type { TLinkResult } from "@/lib/escalation/schema";
import { SubmitButton } from "@/components/ui/action-form";

/** The confirm button of a one-tap link and, once pressed, what it did (the strings come translated from the page). */
export function ActionLinkForm({
  action,
  token,
  submitLabel,
  outcomes,
}: {
  action: (previous: TLinkResult, formData: FormData) => Promise<TLinkResult>;
  token: string;
  submitLabel: string;
  /** per outcome, with {reference}, {by} and {reason} to fill in */
  outcomes: Record<string, string>;
}) {
  const [result, formAction] = useActionState(action, null);
  if (result) {
    const text = (outcomes[result.outcome] ?? outcomes.unknown ?? "")
      .replace("{reference}", result.reference ?? "")
      .replace("{by}", result.by ?? "")
      .replace("{reason}", result.reason ?? "");
    return (
      <p role="status" className="notice" data-testid="action-link-result">
        {text}
      </p>
    );
  }
  return (
    <form action={formAction}>
      <input type="hidden" name="token" value={token} />
      <SubmitButton primary>{submitLabel}</SubmitButton>
    </form>
  );
}
