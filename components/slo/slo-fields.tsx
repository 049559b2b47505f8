import type { TTranslate } from "@/lib/i18n/translate";
import { objectivePercent } from "@/lib/slo/format";
import { perMinuteCountQuery } from "@/lib/slo/prometheus";
import { WORKBOOK_BURN_RATE_ALERTS } from "@/lib/slo/rules";
import { BURN_RATE_FACTOR_FIELDS, SLI_SOURCES, SLO_WINDOWS, type SLO_KINDS } from "@/lib/slo/schema";

export type TSloFieldValues = {
  name: string;
  kind: (typeof SLO_KINDS)[number];
  /** parts per million, as stored */
  objective: number;
  window: (typeof SLO_WINDOWS)[number];
  timeZone: string;
  latencyThresholdMs: number | null;
  description: string;
  source: (typeof SLI_SOURCES)[number];
  prometheusUrl: string | null;
  prometheusGoodQuery: string | null;
  prometheusTotalQuery: string | null;
  /** empty: none of its own */
  burnRateFactors: number[];
};

/**
 * The fields of an SLO, for adding one (no values) or editing one. Burn-rate factors the SLO has not
 * set stay blank, with the factors in force now (the workbook's, scaled to the window) as placeholders.
 */
export function SloFields({
  t,
  values,
  idPrefix,
  factorsInForce = WORKBOOK_BURN_RATE_ALERTS.map((rule) => rule.factor),
}: {
  t: TTranslate;
  values?: TSloFieldValues;
  idPrefix: string;
  factorsInForce?: number[];
}) {
  return (
    <>
      <label className="field">
        {t("slo.field.name")}
        <input name="name" required maxLength={100} placeholder="Checkout availability" defaultValue={values?.name} />
      </label>
      <div className="form-grid">
        <label className="field">
          {t("slo.field.kind")}
          <select name="kind" defaultValue={values?.kind ?? "availability"}>
            <option value="availability">{t("slo.kind.availability")}</option>
            <option value="latency">{t("slo.kind.latency")}</option>
          </select>
        </label>
        <label className="field">
          {t("slo.field.objective")}
          <input
            name="objectivePercent"
            type="number"
            step="0.0001"
            min="0.0001"
            max="99.9999"
            defaultValue={values ? objectivePercent(values.objective) : 99.9}
            required
          />
        </label>
        <label className="field">
          {t("slo.field.window")}
          <select name="window" defaultValue={values?.window ?? "rolling_30d"}>
            {SLO_WINDOWS.map((window) => (
              <option key={window} value={window}>
                {t(`slo.window.${window}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t("slo.field.timeZone")}
          <input name="timeZone" defaultValue={values?.timeZone ?? "UTC"} />
        </label>
        <label className="field">
          {t("slo.field.threshold")}
          <input name="latencyThresholdMs" type="number" min="1" defaultValue={values?.latencyThresholdMs ?? undefined} />
        </label>
        <label className="field">
          {t("slo.field.source")}
          <select name="source" defaultValue={values?.source ?? "push"}>
            {SLI_SOURCES.map((source) => (
              <option key={source} value={source}>
                {t(`slo.source.${source}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        {t("slo.field.description")}
        <input name="description" maxLength={2000} defaultValue={values?.description} />
      </label>
      <fieldset className="fieldset">
        <legend>{t("slo.prometheus.legend")}</legend>
        <p className="muted small">{t("slo.prometheus.help")}</p>
        <label className="field">
          {t("slo.prometheus.url")}
          <input name="prometheusUrl" type="url" placeholder="http://prometheus:9090" defaultValue={values?.prometheusUrl ?? undefined} />
        </label>
        <label className="field">
          {t("slo.prometheus.good")}
          <input
            name="prometheusGoodQuery"
            className="mono"
            placeholder={perMinuteCountQuery('http_requests_total{job="checkout",code!~"5.."}')}
            defaultValue={values?.prometheusGoodQuery ?? undefined}
          />
        </label>
        <label className="field">
          {t("slo.prometheus.total")}
          <input
            name="prometheusTotalQuery"
            className="mono"
            placeholder={perMinuteCountQuery('http_requests_total{job="checkout"}')}
            defaultValue={values?.prometheusTotalQuery ?? undefined}
          />
        </label>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("slo.factors.legend")}</legend>
        <p className="muted small">{t("slo.factors.help")}</p>
        <div className="form-grid four">
          {BURN_RATE_FACTOR_FIELDS.map((field, index) => (
            <label key={field} className="field" htmlFor={`${idPrefix}-${field}`}>
              {t(`slo.factors.${field}`)}
              <input
                id={`${idPrefix}-${field}`}
                name={field}
                type="number"
                step="0.01"
                min="0.01"
                placeholder={String(factorsInForce[index])}
                defaultValue={values?.burnRateFactors[index]}
              />
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
