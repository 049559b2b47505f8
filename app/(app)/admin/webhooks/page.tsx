import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import { requirePermission } from "@/lib/auth/session";
import { listOutgoingWebhooks } from "@/lib/communications/queries";
import { getTranslator } from "@/lib/i18n/server";
import { incidentReference } from "@/lib/incidents/rules";
import { createWebhookAction, deleteWebhookAction } from "./actions";

export const metadata = { title: "Outgoing webhooks" };

export default async function WebhooksPage() {
  await requirePermission("integration:manage");
  const [{ locale, t }, webhooks] = await Promise.all([getTranslator(), listOutgoingWebhooks()]);
  return (
    <div className="stack">
      <div>
        <h1>{t("webhooks.title")}</h1>
        <p className="muted">{t("webhooks.intro")}</p>
      </div>
      {webhooks.length === 0 ? <p className="empty">{t("webhooks.empty")}</p> : null}
      {webhooks.map((webhook) => (
        <section key={webhook.id} className="panel" data-testid="outgoing-webhook">
          <div className="page-head" style={{ marginBottom: "0.5rem" }}>
            <div>
              <h2>{webhook.name}</h2>
              <div className="muted small">
                {t(`webhooks.kind.${webhook.kind}`)} · <code>{webhook.url}</code>
              </div>
            </div>
            <ActionForm action={deleteWebhookAction} className="inline" label={`${t("webhooks.delete")}: ${webhook.name}`}>
              <input type="hidden" name="webhookId" value={webhook.id} />
              <SubmitButton small>{t("webhooks.delete")}</SubmitButton>
            </ActionForm>
          </div>
          <h3 className="small">{t("webhooks.deliveries")}</h3>
          {webhook.deliveries.length === 0 ? (
            <p className="muted small">{t("webhooks.noDeliveries")}</p>
          ) : (
            <table className="data">
              <tbody>
                {webhook.deliveries.map((delivery) => (
                  <tr key={delivery.id}>
                    <td>
                      <LocalTime iso={delivery.createdAt.toISOString()} locale={locale} />
                    </td>
                    <td>{incidentReference(delivery.update.incident.number)}</td>
                    <td>
                      <span
                        className={`badge ${delivery.status === "delivered" ? "status-resolved" : delivery.status === "failed" ? "status-investigating" : "status-monitoring"}`}
                      >
                        {t(`webhooks.status.${delivery.status}`)}
                      </span>
                    </td>
                    <td className="small">
                      {t("webhooks.attempts", { count: delivery.attempts })}
                      {delivery.lastError ? ` · ${delivery.lastError}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      <section className="panel" style={{ maxWidth: 640 }}>
        <h2>{t("webhooks.add")}</h2>
        <ActionForm action={createWebhookAction} resetOnSuccess label={t("webhooks.add")}>
          <label className="field">
            {t("webhooks.field.name")}
            <input name="name" required maxLength={100} placeholder="#incidents" />
          </label>
          <label className="field">
            {t("webhooks.field.kind")}
            <select name="kind" defaultValue="slack">
              <option value="slack">{t("webhooks.kind.slack")}</option>
              <option value="generic">{t("webhooks.kind.generic")}</option>
            </select>
          </label>
          <label className="field">
            {t("webhooks.field.url")}
            <input name="url" type="url" required placeholder="https://hooks.slack.com/services/…" />
          </label>
          <div>
            <SubmitButton primary>{t("webhooks.submit")}</SubmitButton>
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
