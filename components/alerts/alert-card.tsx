import { SeverityBadge } from "@/components/incidents/badges";
import { LocalTime } from "@/components/ui/local-time";
import type { TAlertListItem } from "@/lib/alerts/queries";
import type { TAlertLink } from "@/lib/alerts/schema";
import { SOURCE_NAMES } from "@/lib/alerts/snippets";
import type { TTranslate } from "@/lib/i18n/translate";

export function AlertStatusBadge({ status, t }: { status: "firing" | "resolved"; t: TTranslate }) {
  return <span className={`badge ${status === "firing" ? "status-firing" : "status-resolved"}`}>{t(`alerts.status.${status}`)}</span>;
}

/** One alert with what an on-call engineer needs to dig in: labels, links and the raw payloads. */
export function AlertCard({ alert, locale, t }: { alert: TAlertListItem; locale: string; t: TTranslate }) {
  const labels = Object.entries(alert.labels as Record<string, string>);
  const links = alert.links as TAlertLink[];
  return (
    <div className="alert-row" data-testid="alert" data-status={alert.status}>
      <div className="button-row">
        <AlertStatusBadge status={alert.status} t={t} />
        <SeverityBadge severity={alert.severity} t={t} />
        <strong>{alert.title}</strong>
      </div>
      <div className="muted small">
        {SOURCE_NAMES[alert.source]} · {alert.integration.name} · <LocalTime iso={alert.startsAt.toISOString()} locale={locale} />
        {alert.endsAt ? (
          <>
            {" → "}
            <LocalTime iso={alert.endsAt.toISOString()} locale={locale} />
          </>
        ) : null}{" "}
        · ×{alert.occurrences}
        {alert.service ? ` · ${alert.service.name}` : ""}
      </div>
      {alert.description ? <div className="entry-body small">{alert.description}</div> : null}
      {labels.length > 0 ? (
        <div className="labels" style={{ marginTop: "0.3rem" }}>
          {labels.map(([name, value]) => (
            <span key={name} className="label-chip">
              {name}={value}
            </span>
          ))}
        </div>
      ) : null}
      <div className="button-row small" style={{ marginTop: "0.3rem" }}>
        {links.map((link) => (
          <a key={link.href} href={link.href} target="_blank" rel="noreferrer noopener">
            {link.kind ? t(`alerts.link.${link.kind}`) : link.text}
          </a>
        ))}
        <a href={`/api/deliveries/${alert.firstDeliveryId}/payload`} target="_blank" rel="noreferrer">
          {t("integrations.payload")} ({t("alerts.firstPayload")})
        </a>
        {alert.lastDeliveryId !== alert.firstDeliveryId ? (
          <a href={`/api/deliveries/${alert.lastDeliveryId}/payload`} target="_blank" rel="noreferrer">
            {t("alerts.lastPayload")}
          </a>
        ) : null}
      </div>
    </div>
  );
}
