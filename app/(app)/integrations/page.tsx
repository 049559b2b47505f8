import Link from "next/link";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { IntegrationDefaultsFields } from "@/components/integrations/integration-defaults-fields";
import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { listIntegrations } from "@/lib/alerts/queries";
import { ALERT_SOURCES } from "@/lib/alerts/schema";
import { SOURCE_NAMES } from "@/lib/alerts/snippets";
import { requirePermission } from "@/lib/auth/session";
import { listServices } from "@/lib/catalog/queries";
import { getTranslator } from "@/lib/i18n/server";
import { createIntegrationAction } from "./actions";

export const metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  await requirePermission("integration:manage");
  const [{ locale, t }, integrations, services] = await Promise.all([getTranslator(), listIntegrations(), listServices()]);
  return (
    <div className="stack">
      <div>
        <h1>{t("integrations.title")}</h1>
        <p className="muted">{t("integrations.intro")}</p>
      </div>
      {integrations.length === 0 ? (
        <p className="empty">{t("integrations.empty")}</p>
      ) : (
        <DataTable
          headers={[t("integrations.col.name"), t("integrations.col.source"), t("integrations.col.lastReceived"), t("integrations.col.firing")]}
          testId="integration-list"
        >
          {integrations.map((integration) => (
            <tr key={integration.id}>
              <td>
                <Link href={`/integrations/${integration.id}`}>{integration.name}</Link>
                {integration.defaultService ? <div className="muted small">{integration.defaultService.name}</div> : null}
              </td>
              <td>{SOURCE_NAMES[integration.source]}</td>
              <td>{integration.lastReceivedAt ? <LocalTime iso={integration.lastReceivedAt.toISOString()} locale={locale} /> : t("integrations.never")}</td>
              <td>{integration.firingAlerts}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <section className="panel" style={{ maxWidth: 640 }}>
        <h2>{t("integrations.add")}</h2>
        <ActionForm action={createIntegrationAction} label={t("integrations.add")}>
          <label className="field">
            {t("integrations.field.name")}
            <input name="name" required maxLength={100} placeholder="Prometheus (prod)" />
          </label>
          <label className="field">
            {t("integrations.field.source")}
            <select name="source" defaultValue="alertmanager">
              {ALERT_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {SOURCE_NAMES[source]}
                </option>
              ))}
            </select>
          </label>
          <IntegrationDefaultsFields services={services} defaultServiceId={null} defaultSeverity="SEV3" t={t} />
          <div>
            <SubmitButton primary>{t("integrations.submit")}</SubmitButton>
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
