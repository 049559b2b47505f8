import { notFound } from "next/navigation";
import { SeverityOptions } from "@/components/incidents/severity-options";
import { IntegrationPolicyForm } from "@/components/escalation/policy-choice-form";
import { IntegrationDefaultsFields } from "@/components/integrations/integration-defaults-fields";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { CopyButton } from "@/components/ui/copy-button";
import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { intakeLimitPerMinute } from "@/lib/alerts/intake-rate";
import { getIntegration, intakeRefusals, listRecentDeliveries } from "@/lib/alerts/queries";
import { ALERT_LEVELS, type TSeverityMap } from "@/lib/alerts/schema";
import { configSnippet, SOURCE_NAMES } from "@/lib/alerts/snippets";
import { requirePermission } from "@/lib/auth/session";
import { listServices } from "@/lib/catalog/queries";
import { escalationPolicyChoices } from "@/lib/escalation/queries";
import { getTranslator } from "@/lib/i18n/server";
import { listPossibleResponders } from "@/lib/incidents/queries";
import { setIntegrationPolicyAction } from "../../escalation-policies/actions";
import { deleteIntegrationAction, rotateKeyAction, updateRulesAction } from "../actions";

export const metadata = { title: "Integration" };

export default async function IntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("integration:manage");
  const { id } = await params;
  const [{ locale, t }, integration, deliveries, refusals, services, responders, policies] = await Promise.all([
    getTranslator(),
    getIntegration(id),
    listRecentDeliveries(id),
    intakeRefusals(id),
    listServices(),
    listPossibleResponders(),
    escalationPolicyChoices(),
  ]);
  if (!integration) notFound();
  const intakeLimit = intakeLimitPerMinute();
  const severityMap = integration.severityMap as TSeverityMap;
  const severityOptions = <SeverityOptions t={t} />;

  return (
    <div className="stack">
      <div>
        <div className="muted small">{SOURCE_NAMES[integration.source]}</div>
        <h1>{integration.name}</h1>
      </div>

      <section className="panel stack">
        <div>
          <h2>{t("integrations.webhookUrl")}</h2>
          <div className="button-row">
            <code className="secret" data-testid="webhook-url">
              {integration.webhookUrl}
            </code>
            <CopyButton text={integration.webhookUrl} label={t("integrations.copy")} copiedLabel={t("integrations.copied")} />
          </div>
        </div>
        {integration.source === "cloudwatch" && integration.snsSubscribeUrl ? (
          integration.snsConfirmedAt ? (
            <p className="notice">{t("integrations.sns.confirmed")}</p>
          ) : (
            <div className="notice">
              <p>{t("integrations.sns.pending")}</p>
              <a href={integration.snsSubscribeUrl} rel="noreferrer noopener" target="_blank" style={{ wordBreak: "break-all" }}>
                {integration.snsSubscribeUrl}
              </a>
            </div>
          )
        ) : null}
        <details open={deliveries.length === 0}>
          <summary>{t("integrations.snippet", { source: SOURCE_NAMES[integration.source] })}</summary>
          <pre className="snippet" data-testid="config-snippet">
            {configSnippet(integration.source, integration.webhookUrl, integration.key)}
          </pre>
        </details>
        <div className="button-row">
          <ActionForm action={rotateKeyAction} className="inline" label={t("integrations.rotate")}>
            <input type="hidden" name="integrationId" value={integration.id} />
            <SubmitButton small>{t("integrations.rotate")}</SubmitButton>
            <span className="muted small">{t("integrations.rotateHint")}</span>
          </ActionForm>
        </div>
      </section>
      <IntegrationPolicyForm t={t} action={setIntegrationPolicyAction} integrationId={integration.id} policies={policies} policyId={integration.escalationPolicyId} />

      <section className="panel">
        <h2>{t("integrations.rules")}</h2>
        <ActionForm action={updateRulesAction} label={t("integrations.rules")}>
          <input type="hidden" name="integrationId" value={integration.id} />
          <div className="form-grid">
            <label className="field">
              {t("integrations.rule.openAtOrAbove")}
              <select name="openIncidentAtOrAbove" defaultValue={integration.openIncidentAtOrAbove}>
                {severityOptions}
              </select>
            </label>
            <label className="field">
              {t("integrations.rule.minOccurrences")}
              <input name="minOccurrences" type="number" min={1} max={100} defaultValue={integration.minOccurrences} required />
            </label>
            <label className="field">
              {t("integrations.rule.groupWindow")}
              <input name="groupWindowMinutes" type="number" min={0} max={10080} defaultValue={integration.groupWindowMinutes} required />
            </label>
            <label className="field">
              {t("integrations.rule.commander")}
              <select name="commanderId" defaultValue={integration.commanderId}>
                {responders.map((responder) => (
                  <option key={responder.id} value={responder.id}>
                    {responder.name}
                  </option>
                ))}
              </select>
            </label>
            <IntegrationDefaultsFields
              services={services}
              defaultServiceId={integration.defaultServiceId}
              defaultSeverity={integration.defaultSeverity}
              t={t}
            />
          </div>
          <fieldset>
            <legend>{t("integrations.rule.severityMap")}</legend>
            <div className="form-grid four">
              {ALERT_LEVELS.map((level) => (
                <label key={level} className="field">
                  {t(`level.${level}`)}
                  <select name={`map.${level}`} defaultValue={severityMap[level]}>
                    {severityOptions}
                  </select>
                </label>
              ))}
            </div>
          </fieldset>
          <label className="choice">
            <input type="checkbox" name="autoMonitorOnResolve" defaultChecked={integration.autoMonitorOnResolve} />
            <span>{t("integrations.rule.autoMonitor")}</span>
          </label>
          {integration.source === "cloudwatch" ? (
            <label className="field">
              {t("integrations.rule.snsTopics")}
              <textarea name="snsTopicArns" defaultValue={integration.snsTopicArns.join("\n")} />
            </label>
          ) : null}
          <div>
            <SubmitButton primary>{t("common.save")}</SubmitButton>
          </div>
        </ActionForm>
      </section>

      <section>
        <h2>{t("integrations.deliveries")}</h2>
        <p className="muted small">
          {intakeLimit === null ? t("integrations.intakeUnlimited") : t("integrations.intakeLimit", { limit: intakeLimit })}
        </p>
        {refusals.count > 0 && refusals.lastAt ? (
          <p className="notice" data-testid="refused-for-rate">
            {t("integrations.refusedForRate", { count: refusals.count })} <LocalTime iso={refusals.lastAt.toISOString()} locale={locale} />
          </p>
        ) : null}
        {deliveries.length === 0 ? (
          <p className="empty">{t("integrations.deliveries.empty")}</p>
        ) : (
          <DataTable
            headers={[t("integrations.col.received"), t("integrations.col.result"), t("integrations.col.alerts"), t("integrations.col.reason")]}
            testId="deliveries"
          >
            {deliveries.map((delivery) => (
              <tr key={delivery.id.toString()} data-accepted={delivery.accepted}>
                <td>
                  <LocalTime iso={delivery.receivedAt.toISOString()} locale={locale} />
                </td>
                <td>
                  <span className={`badge ${delivery.accepted ? "status-resolved" : "status-investigating"}`}>
                    {delivery.accepted ? t("integrations.accepted") : t("integrations.rejected")} · {delivery.httpStatus}
                  </span>
                </td>
                <td>{delivery.alertCount}</td>
                <td>
                  <span className="small">{delivery.reason}</span>{" "}
                  {delivery.bodyRemovedAt ? (
                    <span className="muted small" data-testid="payload-removed">
                      {t("integrations.payloadRemoved")}
                    </span>
                  ) : (
                    <a className="small" href={`/api/deliveries/${delivery.id}/payload`} target="_blank" rel="noreferrer">
                      {t("integrations.payload")}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section className="panel">
        <ActionForm action={deleteIntegrationAction} className="inline" label={t("integrations.delete")}>
          <input type="hidden" name="integrationId" value={integration.id} />
          <label className="choice">
            <input type="checkbox" name="confirm" required />
            <span>{t("integrations.deleteConfirm")}</span>
          </label>
          <SubmitButton small>{t("integrations.delete")}</SubmitButton>
          <span className="muted small">{t("integrations.deleteHint")}</span>
        </ActionForm>
      </section>
    </div>
  );
}
