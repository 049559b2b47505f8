import Link from "next/link";
import { IncidentActionForm } from "@/components/incidents/incident-action-form";
import { SubmitButton } from "@/components/ui/action-form";
import type { TActionState } from "@/lib/http/action-state";
import type { TTranslate } from "@/lib/i18n/translate";
import type { TIncidentSloImpact } from "@/lib/slo/queries";
import { formatPercent } from "@/lib/slo/format";

type TAction = (previous: TActionState, formData: FormData) => Promise<TActionState>;

/** The incident room's view of SLOs: which ones the incident touched and the budget it consumed of each. */
export function SloImpactPanel({
  incidentId,
  impacts,
  linkable,
  canEdit,
  t,
  recordAction,
  removeAction,
}: {
  incidentId: string;
  impacts: TIncidentSloImpact[];
  linkable: { id: string; label: string }[];
  canEdit: boolean;
  t: TTranslate;
  recordAction: TAction;
  removeAction: TAction;
}) {
  return (
    <section className="panel" data-testid="incident-slos">
      <h2>{t("slo.touched")}</h2>
      {impacts.length === 0 ? (
        <p className="muted small">{t("slo.touched.none")}</p>
      ) : (
        <table className="data small">
          <thead>
            <tr>
              <th>{t("review.col.slo")}</th>
              <th>{t("slo.touched.impact")}</th>
              <th>{t("slo.touched.consumed")}</th>
              <th>{t("slo.touched.left")}</th>
              {canEdit ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {impacts.map((impact) => (
              <tr key={impact.slo.id}>
                <td>
                  <Link href={`/services/${impact.slo.service.slug}`}>{impact.slo.service.name}</Link> · {impact.slo.name}
                </td>
                <td>{impact.impact ? t(`slo.impact.${impact.impact}`) : "—"}</td>
                <td data-testid="slo-consumed">{impact.noData ? "—" : formatPercent(impact.consumedFraction)}</td>
                <td>{impact.noData ? "—" : formatPercent(impact.remainingFraction)}</td>
                {canEdit ? (
                  <td>
                    {impact.impact ? (
                      <IncidentActionForm incidentId={incidentId} action={removeAction} className="button-row" label={t("slo.touched.remove")}>
                        <input type="hidden" name="sloId" value={impact.slo.id} />
                        <SubmitButton small>{t("slo.touched.remove")}</SubmitButton>
                      </IncidentActionForm>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && linkable.length > 0 ? (
        <IncidentActionForm incidentId={incidentId} action={recordAction} className="filters" label={t("slo.touched.link")}>
          <label className="field">
            {t("slo.touched.pick")}
            <select name="sloId" required>
              {linkable.map((slo) => (
                <option key={slo.id} value={slo.id}>
                  {slo.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t("slo.touched.impact")}
            <select name="impact" defaultValue="full_outage">
              <option value="full_outage">{t("slo.impact.full_outage")}</option>
              <option value="degraded">{t("slo.impact.degraded")}</option>
            </select>
          </label>
          <SubmitButton>{t("slo.touched.link")}</SubmitButton>
        </IncidentActionForm>
      ) : null}
      <p className="muted small">{t("slo.touched.help")}</p>
    </section>
  );
}
