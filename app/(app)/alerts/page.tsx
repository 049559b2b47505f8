import Link from "next/link";
import { AlertStatusBadge } from "@/components/alerts/alert-card";
import { SeverityBadge } from "@/components/incidents/badges";
import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { listAlerts } from "@/lib/alerts/queries";
import { ALERT_SOURCES, ZAlertListFilter } from "@/lib/alerts/schema";
import { SOURCE_NAMES } from "@/lib/alerts/snippets";
import { requireUser } from "@/lib/auth/session";
import { parsePageFilter } from "@/lib/http/search-params";
import { getTranslator } from "@/lib/i18n/server";
import { incidentReference } from "@/lib/incidents/rules";

export const metadata = { title: "Alerts" };

/** What an alert is about, when its title alone is shared by a group (one alert per instance or host). */
const alertSubject = (labels: Record<string, string>) => labels.instance ?? labels.host ?? labels.alarm ?? "";

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const { locale, t } = await getTranslator();
  const filter = parsePageFilter(ZAlertListFilter, await searchParams);
  const alerts = await listAlerts(filter);
  return (
    <>
      <div className="page-head">
        <h1>{t("alerts.title")}</h1>
      </div>
      <form className="filters" method="get" aria-label={t("incidents.filter.apply")}>
        <label>
          {t("alerts.col.status")}
          <select name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("incidents.filter.all")}</option>
            <option value="firing">{t("alerts.status.firing")}</option>
            <option value="resolved">{t("alerts.status.resolved")}</option>
          </select>
        </label>
        <label>
          {t("alerts.col.source")}
          <select name="source" defaultValue={filter.source ?? ""}>
            <option value="">{t("incidents.filter.all")}</option>
            {ALERT_SOURCES.map((source) => (
              <option key={source} value={source}>
                {SOURCE_NAMES[source]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("incidents.filter.apply")}</button>
      </form>
      {alerts.length === 0 ? (
        <p className="empty">{t("alerts.empty")}</p>
      ) : (
        <DataTable
          headers={[
            t("alerts.col.alert"),
            t("alerts.col.status"),
            t("incidents.col.severity"),
            t("alerts.col.source"),
            t("alerts.col.incident"),
            t("alerts.col.count"),
            t("alerts.col.lastSeen"),
          ]}
          testId="alert-list"
        >
          {alerts.map((alert) => (
            <tr key={alert.id}>
              <td>
                {alert.title}
                <div className="muted small">{[alertSubject(alert.labels as Record<string, string>), alert.service?.name].filter(Boolean).join(" · ")}</div>
              </td>
              <td>
                <AlertStatusBadge status={alert.status} t={t} />
              </td>
              <td>
                <SeverityBadge severity={alert.severity} t={t} />
              </td>
              <td>
                {SOURCE_NAMES[alert.source]}
                <div className="muted small">{alert.integration.name}</div>
              </td>
              <td>
                {alert.incident ? (
                  <Link href={`/incidents/${incidentReference(alert.incident.number)}`}>{incidentReference(alert.incident.number)}</Link>
                ) : (
                  <span className="muted">{t("alerts.unattached")}</span>
                )}
              </td>
              <td>{alert.occurrences}</td>
              <td>
                <LocalTime iso={alert.lastSeenAt.toISOString()} locale={locale} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
