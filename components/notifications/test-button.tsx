"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";

type TTestState = { ok: boolean; message: string } | null;

function Submit({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="small" disabled={pending} aria-busy={pending}>
      {label}
    </button>
  );
}

/** "Send me a test notification" for one contact method, with the result read out where it appears. */
export function TestNotificationButton({ action, contactMethodId, label, methodLabel }: { action: (previous: TTestState, formData: FormData) => Promise<TTestState>; contactMethodId: string; label: string; methodLabel: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="inline" aria-label={`${label}: ${methodLabel}`}>
      <input type="hidden" name="contactMethodId" value={contactMethodId} />
      <Submit label={label} />
      <span role="status" aria-live="polite" data-testid="test-result" className={state ? (state.ok ? "small" : "small form-error") : "small"}>
        {state ? ` ${state.message}` : ""}
      </span>
    </form>
  );
}
