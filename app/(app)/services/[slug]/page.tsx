import { notFound } from "next/navigation";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getServiceBySlug } from "@/lib/catalog/queries";
import { getTranslator } from "@/lib/i18n/server";
import { formatDuration } from "@/lib/incidents/durations";
import { listSlos, sloStatus } from "@/lib/slo/queries";
import { createSloAction } from "./actions";

export const metadata = { title: "Service" };

const WINDOWS = ["rolling_7d", "rolling_28d", "rolling_30d", "calendar_month"] as const;

export default async function ServicePage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requireUser();
  const { slug } = await params;
  const [{ locale, t }, service] = await Promise.all([getTranslator(), getServiceBySlug(decodeURIComponent(slug))]);
  if (!service) notFound();
  const statuses = (await Promise.all((await listSlos(service.id)).map((slo) => sloStatus(slo.id)))).filter((status) => status !== null);

  return (
    <div className="stack">
      <div>
        <div className="muted small">{service.ownerTeam}</div>
        <h1>{service.name}</h1>
        <p className="muted">{service.description}</p>
      </div>
      <h2>{t("slo.title")}</h2>
      {statuses.length === 0 ? <p className="empty">{t("slo.empty")}</p> : null}
      {statuses.map(({ slo, budget, burnRates, alert, verdict, exhaustion }) => {
        const remaining = Math.max(0, Math.min(1, budget.remainingFraction));
        return (
          <section key={slo.id} className="panel" data-testid="slo">
            <div className="page-head" style={{ marginBottom: "0.5rem" }}>
              <div>
                <h2>{slo.name}</h2>
                <div className="muted small">
                  {t(`slo.kind.${slo.kind}`)} · {t("slo.objective")} {(slo.objective * 100).toFixed(3).replace(/\.?0+$/, "")}% · {t(`slo.window.${slo.window}`)}
                </div>
              </div>
              <div className="button-row">
                <span className={`badge ${alert.state === "page" ? "sev-SEV1" : alert.state === "ticket" ? "sev-SEV3" : "status-resolved"}`}>
                  {t(`slo.alert.${alert.state}`)}
                </span>
                {verdict ? <span className={`badge verdict-${verdict}`}>{t(`slo.verdict.${verdict}`)}</span> : null}
              </div>
            </div>
            {budget.noData ? (
              <p className="muted small">{t("slo.noData")}</p>
            ) : (
              <>
                <div className="small">
                  {t("slo.budgetRemaining")}: <strong data-testid="budget-remaining">{(budget.remainingFraction * 100).toFixed(1)}%</strong>
                </div>
                <div className="budget-bar" role="img" aria-label={`${t("slo.budgetRemaining")}: ${(budget.remainingFraction * 100).toFixed(1)}%`}>
                  <div style={{ width: `${remaining * 100}%` }} />
                </div>
                <table className="data small" style={{ marginTop: "0.75rem" }}>
                  <thead>
                    <tr>
                      <th>{t("slo.burnRates")}</th>
                      {burnRates.map((entry) => (
                        <th key={entry.windowMs}>{formatDuration(entry.windowMs)}</th>
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
                <p className="muted small">
                  {budget.remainingFraction <= 0 ? (
                    t("slo.exhausted")
                  ) : (
                    <>
                      {t("slo.exhaustion")}:{" "}
                      {exhaustion.atOneDayRate ? <LocalTime iso={exhaustion.atOneDayRate.toISOString()} locale={locale} /> : t("slo.never")}
                    </>
                  )}
                </p>
              </>
            )}
          </section>
        );
      })}
      {can(actor.role, "incident:write") ? (
        <section className="panel" style={{ maxWidth: 640 }}>
          <h2>{t("slo.add")}</h2>
          <ActionForm action={createSloAction} resetOnSuccess label={t("slo.add")}>
            <input type="hidden" name="serviceId" value={service.id} />
            <label className="field">
              {t("slo.field.name")}
              <input name="name" required maxLength={100} placeholder="Checkout availability" />
            </label>
            <div className="form-grid">
              <label className="field">
                {t("slo.field.kind")}
                <select name="kind" defaultValue="availability">
                  <option value="availability">{t("slo.kind.availability")}</option>
                  <option value="latency">{t("slo.kind.latency")}</option>
                </select>
              </label>
              <label className="field">
                {t("slo.field.objective")}
                <input name="objectivePercent" type="number" step="0.001" min="0.001" max="99.999" defaultValue="99.9" required />
              </label>
              <label className="field">
                {t("slo.field.window")}
                <select name="window" defaultValue="rolling_30d">
                  {WINDOWS.map((window) => (
                    <option key={window} value={window}>
                      {t(`slo.window.${window}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                {t("slo.field.timeZone")}
                <input name="timeZone" defaultValue="UTC" />
              </label>
            </div>
            <label className="field">
              {t("slo.field.threshold")}
              <input name="latencyThresholdMs" type="number" min="1" />
            </label>
            <div>
              <SubmitButton primary>{t("slo.submit")}</SubmitButton>
            </div>
          </ActionForm>
        </section>
      ) : null}
    </div>
  );
}
