import Link from "next/link";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import type { TActionState } from "@/lib/http/action-state";
import type { TTranslate } from "@/lib/i18n/translate";
import { formatDurationIn, formatWindowIn } from "@/lib/clock/durations";
import type { TServiceSlo } from "@/lib/slo/queries";
import { formatObjective, formatPercent } from "@/lib/slo/format";
import { BurnDownChart } from "./burn-down-chart";
import { SloVerdict } from "./slo-verdict";
import { SloFields } from "./slo-fields";

type TAction = (previous: TActionState, formData: FormData) => Promise<TActionState>;

const MINUTE = 60_000;

/** The last point of each UTC day: the burn-down's table form. */
function dailyPoints(points: TServiceSlo["burnDown"]) {
  const byDay = new Map<string, (typeof points)[number]>();
  for (const point of points) byDay.set(new Date(new Date(point.at).getTime() - 1).toISOString().slice(0, 10), point);
  return [...byDay];
}

export function SloCard({
  status,
  t,
  locale,
  canEdit,
  updateAction,
  deleteAction,
}: {
  status: TServiceSlo;
  t: TTranslate;
  locale: string;
  canEdit: boolean;
  updateAction: TAction;
  deleteAction: TAction;
}) {
  const { slo, budget, burnRates, alert, burnDown, incidents } = status;
  const remaining = Math.max(0, Math.min(1, budget.remainingFraction));
  return (
    <section className="panel slo-card" data-testid="slo" aria-labelledby={`slo-${slo.id}`}>
      <div className="page-head" style={{ marginBottom: "0.5rem" }}>
        <div>
          <h2 id={`slo-${slo.id}`}>{slo.name}</h2>
          <div className="muted small">
            {t(`slo.kind.${slo.kind}`)} · {t("slo.objective")} {formatObjective(slo.objective)} · {t(`slo.window.${slo.window}`)} · {t("slo.source.label")}:{" "}
            {t(`slo.source.${slo.source}`)}
          </div>
          {slo.description ? <p className="small">{slo.description}</p> : null}
        </div>
      </div>
      <p className="verdict-summary">
        <SloVerdict verdict={status.assessment} t={t} locale={locale} />
      </p>

      {slo.source !== "push" ? <CollectionState status={status} t={t} locale={locale} /> : null}

      {budget.noData ? (
        <p className="muted small">{t("slo.noData")}</p>
      ) : (
        <>
          <div className="small">
            {t("slo.budgetRemaining")}: <strong data-testid="budget-remaining">{formatPercent(budget.remainingFraction)}</strong>{" "}
            <span className="muted">
              (
              {t("slo.budgetTime", {
                left: formatDurationIn(locale, status.remainingBudgetMinutes * MINUTE),
                total: formatDurationIn(locale, status.budgetMinutes * MINUTE),
              })}
              )
            </span>
          </div>
          <div className="budget-bar" role="img" aria-label={`${t("slo.budgetRemaining")}: ${formatPercent(budget.remainingFraction)}`}>
            <div style={{ width: `${remaining * 100}%` }} />
          </div>

          <h3>{t("slo.burnDown")}</h3>
          <BurnDownChart
            points={burnDown}
            locale={locale}
            labels={{ remaining: t("slo.burnDown.remaining"), ideal: t("slo.burnDown.ideal"), title: `${slo.name}: ${t("slo.burnDown")}` }}
          />
          <details>
            <summary className="small">{t("slo.burnDown.table")}</summary>
            <table className="data small">
              <thead>
                <tr>
                  <th>{t("slo.burnDown.day")}</th>
                  <th>{t("slo.burnDown.remaining")}</th>
                  <th>{t("slo.burnDown.ideal")}</th>
                </tr>
              </thead>
              <tbody>
                {dailyPoints(burnDown).map(([day, point]) => (
                  <tr key={day}>
                    <td>{day}</td>
                    <td>{formatPercent(point.remaining)}</td>
                    <td>{formatPercent(point.ideal)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>

          <p className="small" style={{ marginTop: "0.75rem" }}>
            {t("slo.alertState")}:{" "}
            <span
              className={`badge ${alert.state === "page" ? "sev-SEV1" : alert.state === "ticket" ? "sev-SEV3" : "status-resolved"}`}
              data-testid="alert-state"
            >
              {t(`slo.alert.${alert.state}`)}
            </span>
          </p>
          <table className="data small">
            <thead>
              <tr>
                <th>{t("slo.burnRates")}</th>
                {burnRates.map((entry) => (
                  <th key={entry.windowMs}>{formatWindowIn(locale, entry.windowMs)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <td />
                {burnRates.map((entry) => (
                  <td key={entry.windowMs}>{entry.rate.toFixed(2)}×</td>
                ))}
              </tr>
            </tbody>
          </table>
        </>
      )}

      <h3>{t("slo.incidents")}</h3>
      {incidents.length === 0 ? (
        <p className="muted small">{t("slo.incidents.none")}</p>
      ) : (
        <table className="data small" data-testid="slo-incidents">
          <thead>
            <tr>
              <th>{t("review.col.incident")}</th>
              <th>{t("review.col.severity")}</th>
              <th>{t("review.col.started")}</th>
              <th>{t("slo.incidents.bad")}</th>
              <th>{t("slo.incidents.consumed")}</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((incident) => (
              <tr key={incident.reference}>
                <td>
                  <Link href={`/incidents/${incident.reference}`}>{incident.reference}</Link> {incident.title}
                </td>
                <td>
                  <span className={`badge sev-${incident.severity}`}>{incident.severity}</span>
                </td>
                <td>
                  <LocalTime iso={incident.startedAt.toISOString()} locale={locale} />
                </td>
                <td>{incident.badEvents.toLocaleString(locale)}</td>
                <td>{formatPercent(incident.consumedFraction)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {canEdit ? (
        <details className="slo-edit">
          <summary>{t("slo.edit")}</summary>
          <ActionForm action={updateAction} label={`${t("slo.edit")}: ${slo.name}`}>
            <input type="hidden" name="sloId" value={slo.id} />
            <SloFields t={t} values={slo} idPrefix={`edit-${slo.id}`} factorsInForce={status.burnRateRules.map((rule) => rule.factor)} />
            <div>
              <SubmitButton primary>{t("slo.save")}</SubmitButton>
            </div>
          </ActionForm>
          <ActionForm action={deleteAction} className="button-row" label={t("slo.delete")}>
            <input type="hidden" name="sloId" value={slo.id} />
            <label className="choice small">
              <input type="checkbox" name="confirm" required />
              {t("slo.deleteConfirm")}
            </label>
            <SubmitButton small>{t("slo.delete")}</SubmitButton>
          </ActionForm>
        </details>
      ) : null}
    </section>
  );
}

function CollectionState({ status, t, locale }: { status: TServiceSlo; t: TTranslate; locale: string }) {
  const { slo } = status;
  if (slo.collectError) {
    return (
      <p role="alert" className="form-error small" data-testid="collect-error">
        {t("slo.collect.error")}
        {slo.collectErrorAt ? (
          <>
            {" "}
            (<LocalTime iso={slo.collectErrorAt.toISOString()} locale={locale} />)
          </>
        ) : null}
        : {slo.collectError}
      </p>
    );
  }
  return (
    <p className="muted small">
      {slo.collectedThrough ? (
        <>
          {t("slo.collect.through")} <LocalTime iso={slo.collectedThrough.toISOString()} locale={locale} />
        </>
      ) : (
        t("slo.collect.pending")
      )}
    </p>
  );
}
