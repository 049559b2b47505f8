import Link from "next/link";
import { StatusBadge } from "@/components/incidents/badges";
import { IncidentActionForm } from "@/components/incidents/incident-action-form";
import { SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import type { TStakeholderUpdateView } from "@/lib/communications/queries";
import { isUpdateOverdue } from "@/lib/communications/rules";
import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import type { TActionState } from "@/lib/http/action-state";
import type { TTranslate } from "@/lib/i18n/translate";
import { statusLabels } from "@/lib/incidents/status-labels";
import { UpdateStatusSelect } from "./update-status-select";

const NEXT_UPDATE_CHOICES = [15, 30, 60, 120, 0];

/** One update; `superseded` (a later one exists) leaves out its promise of a next update, which the later one replaced. */
export function StakeholderUpdate({ update, locale, t, superseded = false }: { update: TStakeholderUpdateView; locale: string; t: TTranslate; superseded?: boolean }) {
  return (
    <article className="alert-row" data-testid="stakeholder-update">
      <div className="button-row small">
        <StatusBadge status={update.status} t={t} />
        <LocalTime iso={update.publishedAt.toISOString()} locale={locale} />
        <span className="muted">{t("updates.by", { name: update.author.name })}</span>
      </div>
      <p className="small">
        <strong>{t("updates.field.impact")}:</strong> {update.impact}
      </p>
      <p className="entry-body">{update.message}</p>
      {update.nextUpdateAt && !superseded ? (
        <p className="muted small">
          {t("updates.nextBy")} <LocalTime iso={update.nextUpdateAt.toISOString()} locale={locale} />
        </p>
      ) : null}
    </article>
  );
}

/** The incident room's communications panel: the latest update, an overdue warning, and the form. */
export function StakeholderUpdatesPanel({
  incident,
  updates,
  canEdit,
  now,
  locale,
  t,
  publishAction,
}: {
  incident: { id: string; reference: string; title: string; status: IncidentStatus };
  updates: TStakeholderUpdateView[];
  canEdit: boolean;
  now: Date;
  locale: string;
  t: TTranslate;
  publishAction: (previous: TActionState, formData: FormData) => Promise<TActionState>;
}) {
  const [latest] = updates;
  const overdue = latest ? isUpdateOverdue(latest.nextUpdateAt, incident.status, now) : false;
  return (
    <section className="panel" data-testid="stakeholder-updates">
      <div className="page-head" style={{ marginBottom: "0.5rem" }}>
        <h2>{t("updates.title")}</h2>
        <Link className="small" href={`/incidents/${incident.reference}/status`}>
          {t("updates.statusPage")}
        </Link>
      </div>
      {overdue && latest?.nextUpdateAt ? (
        <p className="form-error" role="alert" data-testid="update-overdue">
          {t("updates.overdue")} <LocalTime iso={latest.nextUpdateAt.toISOString()} locale={locale} />
        </p>
      ) : null}
      {latest ? <StakeholderUpdate update={latest} locale={locale} t={t} /> : <p className="muted small">{t("updates.none")}</p>}
      {canEdit ? (
        <details style={{ marginTop: "0.75rem" }} data-palette-target="stakeholder-update">
          <summary>{t("updates.write")}</summary>
          <IncidentActionForm incidentId={incident.id} action={publishAction} resetOnSuccess label={t("updates.write")}>
            <div className="form-grid">
              <label className="field">
                {t("updates.field.status")}
                <UpdateStatusSelect labels={statusLabels(t)} />
              </label>
              <label className="field">
                {t("updates.field.next")}
                <select name="nextUpdateInMinutes" defaultValue="30">
                  {NEXT_UPDATE_CHOICES.map((minutes) => (
                    <option key={minutes} value={minutes}>
                      {minutes === 0 ? t("updates.next.none") : t("updates.next.minutes", { minutes })}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label className="field">
              {t("updates.field.impact")}
              <input name="impact" required maxLength={2000} defaultValue={latest?.impact ?? ""} />
            </label>
            <label className="field">
              {t("updates.field.message")}
              <textarea name="message" required maxLength={10000} defaultValue={t("updates.template", { title: incident.title })} />
            </label>
            <div>
              <SubmitButton primary>{t("updates.publish")}</SubmitButton>
            </div>
          </IncidentActionForm>
        </details>
      ) : null}
    </section>
  );
}
