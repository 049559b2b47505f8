import Link from "next/link";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { requirePermission } from "@/lib/auth/session";
import { listGenericIntegrations, listHeartbeats } from "@/lib/heartbeats/queries";
import { HEARTBEAT_SEVERITIES } from "@/lib/heartbeats/schema";
import { getTranslator } from "@/lib/i18n/server";
import { createHeartbeatAction, deleteHeartbeatAction, rotateHeartbeatAction } from "./actions";

export const metadata = { title: "Heartbeats" };

export default async function HeartbeatsPage() {
  await requirePermission("integration:manage");
  const [{ locale, t }, heartbeats, integrations] = await Promise.all([getTranslator(), listHeartbeats(new Date()), listGenericIntegrations()]);
  return (
    <div className="stack" style={{ maxWidth: 1100 }}>
      <div>
        <h1>{t("heartbeats.title")}</h1>
        <p className="muted">{t("heartbeats.intro")}</p>
      </div>
      {heartbeats.length === 0 ? (
        <p className="empty">{t("heartbeats.empty")}</p>
      ) : (
        <DataTable
          headers={[t("heartbeats.col.name"), t("heartbeats.col.state"), t("heartbeats.col.lastCall"), t("heartbeats.col.lateAfter"), t("heartbeats.col.url"), ""]}
          testId="heartbeat-list"
        >
          {heartbeats.map((heartbeat) => (
            <tr key={heartbeat.id} data-testid={`heartbeat-${heartbeat.name}`}>
              <td>
                {heartbeat.name}
                <div className="muted small">
                  {t("heartbeats.every", { minutes: heartbeat.intervalMinutes, grace: heartbeat.graceMinutes })} ·{" "}
                  <Link href={`/integrations/${heartbeat.integration.id}`}>{heartbeat.integration.name}</Link>
                </div>
              </td>
              <td>
                <span className={`badge heartbeat-${heartbeat.state}`}>{t(`heartbeats.state.${heartbeat.state}`)}</span>
              </td>
              <td>{heartbeat.lastPingAt ? <LocalTime iso={heartbeat.lastPingAt.toISOString()} locale={locale} /> : t("heartbeats.never")}</td>
              <td>{heartbeat.deadline ? <LocalTime iso={heartbeat.deadline.toISOString()} locale={locale} /> : "—"}</td>
              <td>
                <code>…/api/heartbeat/{heartbeat.tokenPrefix}…</code>
              </td>
              <td>
                <ActionForm action={rotateHeartbeatAction} className="inline" label={`${t("heartbeats.rotate")}: ${heartbeat.name}`} secretLabel={t("heartbeats.created")}>
                  <input type="hidden" name="heartbeatId" value={heartbeat.id} />
                  <SubmitButton small>{t("heartbeats.rotate")}</SubmitButton>
                </ActionForm>
                <ActionForm action={deleteHeartbeatAction} className="inline" label={`${t("heartbeats.delete")}: ${heartbeat.name}`}>
                  <input type="hidden" name="heartbeatId" value={heartbeat.id} />
                  <SubmitButton small>{t("heartbeats.delete")}</SubmitButton>
                </ActionForm>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <section className="panel" style={{ maxWidth: 640 }}>
        <h2>{t("heartbeats.add")}</h2>
        {integrations.length === 0 ? (
          <p className="empty">
            {t("heartbeats.needsIntegration")} <Link href="/integrations">{t("nav.integrations")}</Link>
          </p>
        ) : (
          <ActionForm action={createHeartbeatAction} label={t("heartbeats.add")} secretLabel={t("heartbeats.created")} resetOnSuccess>
            <label className="field">
              {t("heartbeats.field.name")}
              <input name="name" required maxLength={100} placeholder="nightly-backup" />
            </label>
            <label className="field">
              {t("heartbeats.field.integration")}
              <select name="integrationId" required>
                {integrations.map((integration) => (
                  <option key={integration.id} value={integration.id}>
                    {integration.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              {t("heartbeats.field.interval")}
              <input name="intervalMinutes" type="number" required min={1} max={10080} defaultValue={5} inputMode="numeric" />
            </label>
            <label className="field">
              {t("heartbeats.field.grace")}
              <input name="graceMinutes" type="number" min={0} max={1440} defaultValue={1} inputMode="numeric" />
            </label>
            <label className="field">
              {t("heartbeats.field.severity")}
              <select name="severity" defaultValue="critical">
                {HEARTBEAT_SEVERITIES.map((severity) => (
                  <option key={severity} value={severity}>
                    {t(`heartbeats.severity.${severity}`)}
                  </option>
                ))}
              </select>
            </label>
            <div>
              <SubmitButton primary>{t("heartbeats.submit")}</SubmitButton>
            </div>
          </ActionForm>
        )}
        <p className="muted small">{t("heartbeats.watchdogHint")}</p>
      </section>
    </div>
  );
}
