import { Fragment } from "react";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import { requirePermission } from "@/lib/auth/session";
import { publicUrl } from "@/lib/http/public-url";
import { getTranslator } from "@/lib/i18n/server";
import type { TMessageKey } from "@/lib/i18n/en";
import { CHANNEL_FIELDS } from "@/lib/notifications/channel-fields";
import { listChannelsForAdmin } from "@/lib/notifications/channel-store";
import { CHANNEL_KINDS } from "@/lib/notifications/schema";
import { SLACK_INTERACTIONS_PATH } from "@/lib/notifications/slack-requests";
import { ensureVapidKeys } from "@/lib/notifications/vapid";
import { deleteChannelAction, saveChannelAction } from "./actions";

export const metadata = { title: "Notification channels" };

export default async function NotificationChannelsPage() {
  const actor = await requirePermission("integration:manage");
  await ensureVapidKeys();
  const [{ locale, t }, channels] = await Promise.all([getTranslator(), listChannelsForAdmin(actor)]);
  const interactionsUrl = publicUrl(SLACK_INTERACTIONS_PATH);
  return (
    <div className="stack">
      <div>
        <h1>{t("channels.title")}</h1>
        <p className="muted">{t("channels.intro")}</p>
      </div>
      {CHANNEL_KINDS.map((kind) => {
        const stored = channels.find((channel) => channel.kind === kind);
        const title = t(`channels.kind.${kind}`);
        return (
          <section key={kind} className="panel" style={{ maxWidth: 720 }} data-testid={`channel-${kind}`}>
            <div className="page-head" style={{ marginBottom: "0.5rem" }}>
              <div>
                <h2 id={`channel-${kind}`}>{title}</h2>
                <div className="muted small">
                  {stored ? (
                    <>
                      {t("channels.updated")} <LocalTime iso={stored.updatedAt.toISOString()} locale={locale} />
                    </>
                  ) : (
                    t("channels.notSet")
                  )}
                </div>
              </div>
              {stored && kind !== "webpush" ? (
                <ActionForm action={deleteChannelAction} className="inline" label={`${t("channels.remove")}: ${title}`}>
                  <input type="hidden" name="kind" value={kind} />
                  <SubmitButton small>{t("channels.remove")}</SubmitButton>
                </ActionForm>
              ) : null}
            </div>
            <p className="small muted">{t(`channels.help.${kind}`)}</p>
            <ActionForm action={saveChannelAction} label={title}>
              <input type="hidden" name="kind" value={kind} />
              {CHANNEL_FIELDS[kind].map((field) => {
                const label = t(`channels.field.${field.name}` as TMessageKey);
                if (field.type === "security") {
                  return (
                    <label key={field.name} className="field">
                      {label}
                      <select name={field.name} defaultValue={String(stored?.settings[field.name] ?? "starttls")}>
                        {(["starttls", "tls", "none"] as const).map((option) => (
                          <option key={option} value={option}>
                            {t(`channels.field.security.${option}`)}
                          </option>
                        ))}
                      </select>
                    </label>
                  );
                }
                if (field.secret) {
                  const isSet = stored?.secretsSet[field.name] ?? false;
                  return (
                    <Fragment key={field.name}>
                      <label className="field">
                        {label} <span className="muted small">({isSet ? t("channels.secretSet") : t("channels.secretUnset")})</span>
                        <input name={field.name} type="password" autoComplete="off" placeholder={field.placeholder} aria-describedby={field.help ? `${kind}-${field.name}-help` : undefined} />
                      </label>
                      {field.help ? (
                        <p id={`${kind}-${field.name}-help`} className="muted small">
                          {t(field.help, { url: interactionsUrl })}
                        </p>
                      ) : null}
                    </Fragment>
                  );
                }
                return (
                  <label key={field.name} className="field">
                    {label}
                    <input
                      name={field.name}
                      type={field.type}
                      required={field.required}
                      readOnly={field.readOnly}
                      placeholder={field.placeholder}
                      defaultValue={stored?.settings[field.name] === undefined ? "" : String(stored.settings[field.name])}
                    />
                  </label>
                );
              })}
              <label className="choice">
                <input type="checkbox" name="enabled" defaultChecked={stored?.enabled ?? true} /> {t("channels.enabled")}
              </label>
              <div>
                <SubmitButton primary>{t("channels.save")}</SubmitButton>
              </div>
            </ActionForm>
          </section>
        );
      })}
    </div>
  );
}
