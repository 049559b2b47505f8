import { IncidentActionForm } from "@/components/incidents/incident-action-form";
import { SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import type { incidentEscalationState } from "@/lib/escalation/queries";
import type { TActionState } from "@/lib/http/action-state";
import type { TTranslate } from "@/lib/i18n/translate";

type TState = NonNullable<Awaited<ReturnType<typeof incidentEscalationState>>>;

/** The room's line on the escalation: the next notification and when, or who stopped it. */
export function EscalationPanel({
  t,
  locale,
  state,
  incidentId,
  canEscalate,
  escalateAction,
}: {
  t: TTranslate;
  locale: string;
  state: TState;
  incidentId: string;
  canEscalate: boolean;
  escalateAction: (previous: TActionState, formData: FormData) => Promise<TActionState>;
}) {
  return (
    <div className="button-row" style={{ marginBottom: "1rem" }} data-testid="escalation">
      <strong className="small">{t("escalation.room")}</strong>
      <span className="muted small">{t("escalation.room.policy", { name: state.policyName, urgency: t(`escalation.urgency.${state.urgency}`) })}</span>
      <span className="muted small">{t("escalation.room.notified", { count: state.notifications })}</span>
      {state.status === "active" && state.nextDueAt ? (
        <>
          <span className="small">
            {state.finalWait ? t("escalation.room.finalWait") : t("escalation.room.next", { step: state.nextStep, round: state.nextRound })}{" "}
            <LocalTime iso={state.nextDueAt.toISOString()} locale={locale} />
          </span>
          {canEscalate && !state.finalWait ? (
            <IncidentActionForm incidentId={incidentId} action={escalateAction} className="inline" label={t("escalation.room.escalateNow")}>
              <SubmitButton small>{t("escalation.room.escalateNow")}</SubmitButton>
            </IncidentActionForm>
          ) : null}
        </>
      ) : (
        <span className="small">
          {state.status === "acknowledged"
            ? t("escalation.room.acknowledged", { name: state.stoppedBy ?? "" })
            : state.status === "exhausted"
              ? t("escalation.room.exhausted")
              : t("escalation.room.cancelled")}
        </span>
      )}
    </div>
  );
}
