import Link from "next/link";
import { IncidentActionForm } from "@/components/incidents/incident-action-form";
import { SubmitButton } from "@/components/ui/action-form";
import type { TActionState } from "@/lib/http/action-state";
import type { TTranslate } from "@/lib/i18n/translate";

type TAction = (previous: TActionState, formData: FormData) => Promise<TActionState>;

/** The incident room's postmortem step: create it once the incident is resolved, then follow it to publication. */
export function IncidentPostmortemPanel({
  incidentId,
  incidentStatus,
  postmortem,
  canWrite,
  defaultLanguage,
  t,
  createAction,
}: {
  incidentId: string;
  incidentStatus: string;
  postmortem: { id: string; status: string } | null;
  canWrite: boolean;
  defaultLanguage: "en" | "ja";
  t: TTranslate;
  createAction: TAction;
}) {
  const resolved = incidentStatus === "resolved" || incidentStatus === "closed";
  return (
    <section className="panel" data-testid="incident-postmortem">
      <h2>{t("pm.room.title")}</h2>
      {postmortem ? (
        <p>
          <Link href={`/postmortems/${postmortem.id}`}>{t("pm.room.open")}</Link>{" "}
          <span className={`badge pm-status-${postmortem.status}`}>{t(`pm.status.${postmortem.status}` as Parameters<TTranslate>[0])}</span>
        </p>
      ) : !resolved ? (
        <p className="muted small">{t("pm.room.afterResolve")}</p>
      ) : canWrite ? (
        <IncidentActionForm incidentId={incidentId} action={createAction} className="filters" label={t("pm.room.create")}>
          <label className="field">
            {t("pm.room.language")}
            <select name="language" defaultValue={defaultLanguage}>
              <option value="en">{t("pm.language.en")}</option>
              <option value="ja">{t("pm.language.ja")}</option>
            </select>
          </label>
          <SubmitButton primary>{t("pm.room.create")}</SubmitButton>
        </IncidentActionForm>
      ) : (
        <p className="muted small">{t("pm.room.none")}</p>
      )}
    </section>
  );
}
