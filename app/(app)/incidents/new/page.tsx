import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { LocalDateTimeInput } from "@/components/ui/local-datetime-input";
import { requirePermission } from "@/lib/auth/session";
import { listServices } from "@/lib/catalog/queries";
import { getTranslator } from "@/lib/i18n/server";
import { SEVERITIES } from "@/lib/incidents/rules";
import { declareIncidentAction } from "../actions";

export const metadata = { title: "Declare an incident" };

export default async function DeclareIncidentPage() {
  await requirePermission("incident:write");
  const [{ t }, services] = await Promise.all([getTranslator(), listServices()]);
  return (
    <div className="panel" style={{ maxWidth: 760 }}>
      <h1>{t("declare.title")}</h1>
      <p className="muted">{t("declare.intro")}</p>
      <ActionForm action={declareIncidentAction} label={t("declare.title")}>
        <label className="field">
          {t("declare.field.title")}
          <span className="hint">{t("declare.field.titleHint")}</span>
          <input name="title" required minLength={3} maxLength={200} autoFocus />
        </label>
        <fieldset>
          <legend>{t("declare.field.severity")}</legend>
          {SEVERITIES.map((severity) => (
            <label key={severity} className="choice">
              <input type="radio" name="severity" value={severity} required defaultChecked={severity === "SEV3"} />
              <span>
                <strong>{severity}</strong> <span className="muted small">{t(`severity.${severity}.meaning`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {services.length > 0 ? (
          <fieldset>
            <legend>{t("declare.field.services")}</legend>
            {services.map((service) => (
              <label key={service.id} className="choice">
                <input type="checkbox" name="serviceIds" value={service.id} />
                <span>
                  {service.name} <span className="muted small">({service.ownerTeam})</span>
                  {service.escalationPolicyId ? <> <span className="badge small">{t("declare.service.pages")}</span></> : null}
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}
        {services.some((service) => service.escalationPolicyId) ? (
          <label className="choice">
            <input type="checkbox" name="pageOnCall" defaultChecked aria-describedby="pageOnCallHint" />
            <span>
              {t("declare.field.pageOnCall")}
              <span className="muted small" id="pageOnCallHint" style={{ display: "block" }}>
                {t("declare.field.pageOnCallHint")}
              </span>
            </span>
          </label>
        ) : null}
        <label className="field">
          {t("declare.field.summary")}
          <textarea name="summary" maxLength={20000} />
        </label>
        <label className="field" htmlFor="startedAt">
          {t("declare.field.startedAt")}
        </label>
        <LocalDateTimeInput name="startedAt" id="startedAt" />
        <div>
          <SubmitButton primary>{t("declare.submit")}</SubmitButton>
        </div>
      </ActionForm>
    </div>
  );
}
