"use client";

import { useActionState, useEffect, useRef, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import type { TActionState } from "@/lib/http/action-state";

type TServerAction = (previous: TActionState, formData: FormData) => Promise<TActionState>;

/** A form bound to a server action that shows the action's error next to the fields. */
export function ActionForm({
  action,
  children,
  className = "fields",
  resetOnSuccess = false,
  label,
  secretLabel,
}: {
  action: TServerAction;
  children: ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
  label?: string;
  /** Shown above a secret the action returns once, such as a new API token. */
  secretLabel?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (resetOnSuccess && state?.ok) formRef.current?.reset();
  }, [state, resetOnSuccess]);
  return (
    <form ref={formRef} action={formAction} className={className} aria-label={label}>
      {children}
      {state?.secret ? (
        <div className="notice" role="status">
          <p>{secretLabel}</p>
          <p className="secret" data-testid="new-secret">
            {state.secret}
          </p>
        </div>
      ) : null}
      {state?.error ? (
        <p role="alert" className="form-error">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}

export function SubmitButton({ children, primary = false, small = false }: { children: ReactNode; primary?: boolean; small?: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={[primary ? "primary" : "", small ? "small" : ""].join(" ").trim() || undefined} disabled={pending} aria-busy={pending}>
      {children}
    </button>
  );
}
