import Link from "next/link";
import { SeverityBadge, StatusBadge } from "@/components/incidents/badges";
import { LiveUpdates } from "@/components/incidents/live-updates";
import { describeTimelineEntry } from "@/lib/timeline/describe";
import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { parsePageFilter } from "@/lib/http/search-params";
import { listServices } from "@/lib/catalog/queries";
import { getTranslator } from "@/lib/i18n/server";
import { listIncidents, recentEntriesOfOpenIncidents } from "@/lib/incidents/queries";
import { INCIDENT_STATUSES, incidentReference, isOpen, SEVERITIES } from "@/lib/incidents/rules";
import { ZIncidentListFilter } from "@/lib/incidents/schema";
import { latestTimelineEntryId } from "@/lib/timeline/queries";

export const metadata = { title: "Incidents" };

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireUser();
  const { locale, t } = await getTranslator();
  const filter = parsePageFilter(ZIncidentListFilter, await searchParams);
  const [incidents, services, latestEntryId, happening] = await Promise.all([
    listIncidents(filter),
    listServices(),
    latestTimelineEntryId(),
    recentEntriesOfOpenIncidents(),
  ]);
  const openCount = incidents.filter((incident) => isOpen(incident.status)).length;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("incidents.title")}</h1>
          <p className="muted small button-row">
            {t("incidents.openCount", { count: openCount })}
            <LiveUpdates
              streamUrl="/api/events"
              afterId={latestEntryId.toString()}
              labels={{ live: t("live.connected"), reconnecting: t("live.reconnecting") }}
            />
          </p>
        </div>
        {can(actor.role, "incident:write") ? (
          <Link className="button primary" href="/incidents/new">
            {t("nav.declare")}
          </Link>
        ) : null}
      </div>

      <form className="filters" method="get" aria-label={t("incidents.filter.apply")}>
        <label>
          {t("incidents.filter.status")}
          <select name="status" defaultValue={filter.status}>
            <option value="all">{t("incidents.filter.all")}</option>
            <option value="open">{t("incidents.filter.open")}</option>
            {INCIDENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("incidents.filter.severity")}
          <select name="severity" defaultValue={filter.severity ?? ""}>
            <option value="">{t("incidents.filter.all")}</option>
            {SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {severity}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("incidents.filter.service")}
          <select name="service" defaultValue={filter.service ?? ""}>
            <option value="">{t("incidents.filter.all")}</option>
            {services.map((service) => (
              <option key={service.id} value={service.slug}>
                {service.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("incidents.filter.apply")}</button>
      </form>

      <div className="grid-list">
        <div>
          {incidents.length === 0 ? (
            <p className="empty">{t("incidents.empty")}</p>
          ) : (
            <DataTable
              headers={[
                t("incidents.col.incident"),
                t("incidents.col.severity"),
                t("incidents.col.status"),
                t("incidents.col.services"),
                t("incidents.col.commander"),
                t("incidents.col.started"),
              ]}
              testId="incident-list"
            >
              {incidents.map((incident) => (
                <tr key={incident.id}>
                  <td>
                    <span className="muted small">{incidentReference(incident.number)}</span>
                    <br />
                    <Link href={`/incidents/${incidentReference(incident.number)}`}>{incident.title}</Link>
                  </td>
                  <td>
                    <SeverityBadge severity={incident.severity} t={t} />
                  </td>
                  <td>
                    <StatusBadge status={incident.status} t={t} />
                  </td>
                  <td>{incident.services.map((service) => service.name).join(", ") || "—"}</td>
                  <td>{incident.commander?.name ?? "—"}</td>
                  <td>
                    <LocalTime iso={incident.startedAt.toISOString()} locale={locale} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </div>
        <aside className="panel" data-testid="happening-now">
          <h2>{t("incidents.now")}</h2>
          {happening.length === 0 ? (
            <p className="muted small">{t("incidents.nowEmpty")}</p>
          ) : (
            <ol className="timeline">
              {happening.map((entry) => (
                <li key={entry.id.toString()} className={`kind-${entry.kind}`}>
                  <div className="entry-head">
                    <LocalTime iso={entry.occurredAt.toISOString()} locale={locale} /> ·{" "}
                    <Link href={`/incidents/${incidentReference(entry.incident.number)}`}>{incidentReference(entry.incident.number)}</Link> ·{" "}
                    <strong>{entry.actor.name}</strong> {describeTimelineEntry(entry, t, locale)}
                  </div>
                  {entry.kind === "note" ? <div className="small">{entry.body.slice(0, 140)}</div> : null}
                </li>
              ))}
            </ol>
          )}
        </aside>
      </div>
    </>
  );
}
