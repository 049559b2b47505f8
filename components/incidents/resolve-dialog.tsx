"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import type { TActionState } from "@/lib/http/action-state";
import type { IncidentStatus } from "@/lib/generated/prisma/enums";

export type TResolveDialogProps = {
  incidentId: string;
  title: string;
  /** the resolution summary to start from: the last stakeholder update's message */
  summary: string;
  /** the final update's impact to start from: the last update's */
  impact: string;
  /** stakeholders have had updates, so they get a final one unless the person says not */
  offerFinalUpdate: boolean;
  labels: { summary: string; summaryHint: string; finalUpdate: string; impact: string; confirm: string; cancel: string };
  action: (previous: TActionState, formData: FormData) => Promise<TActionState>;
};

/**
 * Resolving asks for how it ended (recorded on the timeline), offers the final stakeholder update
 * (so the status page stops promising a next one) and is confirmed by its own button: one stray
 * click on a header cannot resolve an incident.
 */
export function ResolveDialog({ open, onClose, ...form }: TResolveDialogProps & { open: boolean; onClose: () => void; expectedStatus: IncidentStatus }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="resolve-title" onClose={onClose} data-testid="resolve-dialog">
      {/* Mounted while open: each opening starts from the room as it is now (the latest update). */}
      {open ? <ResolveForm {...form} onDone={onClose} /> : null}
    </dialog>
  );
}

function ResolveForm({
  onDone,
  expectedStatus,
  incidentId,
  title,
  summary,
  impact,
  offerFinalUpdate,
  labels,
  action,
}: TResolveDialogProps & { onDone: () => void; expectedStatus: IncidentStatus }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [finalUpdate, setFinalUpdate] = useState(offerFinalUpdate);
  useEffect(() => {
    if (state?.ok) onDone();
  }, [state, onDone]);

  return (
    <form action={formAction} className="fields">
      <h2 id="resolve-title">{title}</h2>
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="expectedStatus" value={expectedStatus} />
      <label className="field">
        {labels.summary}
        <textarea name="summary" required maxLength={10000} rows={4} defaultValue={summary} aria-describedby="resolve-summary-hint" />
      </label>
      <p id="resolve-summary-hint" className="muted small">
        {labels.summaryHint}
      </p>
      <label className="choice">
        <input type="checkbox" name="finalUpdate" checked={finalUpdate} onChange={(event) => setFinalUpdate(event.target.checked)} />
        <span>{labels.finalUpdate}</span>
      </label>
      {finalUpdate ? (
        <label className="field">
          {labels.impact}
          <input name="impact" required maxLength={2000} defaultValue={impact} />
        </label>
      ) : null}
      {state?.error ? (
        <p role="alert" className="form-error">
          {state.error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="primary" disabled={pending} aria-busy={pending}>
          {labels.confirm}
        </button>
        <button type="button" onClick={onDone}>
          {labels.cancel}
        </button>
      </div>
    </form>
  );
}
