import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import type { TActionState } from "@/lib/http/action-state";
import { ALERT_LEVELS, BURN_RATE_LEVELS, type TUrgencySettings } from "@/lib/escalation/schema";
import type { TTranslate } from "@/lib/i18n/translate";

type TAction = (previous: TActionState, formData: FormData) => Promise<TActionState>;

/** A service's escalation policy and its urgency rule: which levels page, and the working hours everything else waits for. */
export function ServiceEscalationForm({
  t,
  action,
  serviceId,
  policies,
  value,
}: {
  t: TTranslate;
  action: TAction;
  serviceId: string;
  policies: { id: string; name: string }[];
  value: { escalationPolicyId: string | null; urgencySettings: TUrgencySettings };
}) {
  const { urgencySettings: settings } = value;
  return (
    <section className="panel" style={{ maxWidth: 720 }}>
      <h2>{t("escalation.servicePanel")}</h2>
      <ActionForm action={action} label={t("escalation.servicePanel")}>
        <input type="hidden" name="serviceId" value={serviceId} />
        <label htmlFor="service-escalation-policy">{t("escalation.policy")}</label>
        <select id="service-escalation-policy" name="escalationPolicyId" defaultValue={value.escalationPolicyId ?? ""}>
          <option value="">{t("escalation.none")}</option>
          {policies.map((policy) => (
            <option key={policy.id} value={policy.id}>
              {policy.name}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>{t("escalation.pageAlertLevels")}</legend>
          {ALERT_LEVELS.map((level) => (
            <label key={level} className="inline">
              <input type="checkbox" name="pageAlertLevels" value={level} defaultChecked={settings.pageAlertLevels.includes(level)} /> {level}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("escalation.pageBurnRates")}</legend>
          {BURN_RATE_LEVELS.map((level) => (
            <label key={level} className="inline">
              <input type="checkbox" name="pageBurnRateLevels" value={level} defaultChecked={settings.pageBurnRateLevels.includes(level)} />{" "}
              {t(`escalation.burn.${level}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("escalation.workingHours")}</legend>
          <p className="muted small">{t("escalation.urgencyRule")}</p>
          <label htmlFor="service-escalation-zone">{t("escalation.timeZone")}</label>
          <input id="service-escalation-zone" name="timeZone" required defaultValue={settings.workingHours.timeZone} />
          <div role="group" aria-label={t("escalation.days")}>
            {[1, 2, 3, 4, 5, 6, 7].map((day) => (
              <label key={day} className="inline">
                <input type="checkbox" name="days" value={day} defaultChecked={settings.workingHours.days.includes(day)} />{" "}
                {t(`escalation.weekday.${day}` as Parameters<TTranslate>[0])}
              </label>
            ))}
          </div>
          <label htmlFor="service-escalation-start">{t("escalation.start")}</label>
          <input id="service-escalation-start" name="start" type="time" required defaultValue={settings.workingHours.start} />
          <label htmlFor="service-escalation-end">{t("escalation.end")}</label>
          <input id="service-escalation-end" name="end" type="time" required defaultValue={settings.workingHours.end} />
        </fieldset>
        <div>
          <SubmitButton primary>{t("escalation.saveService")}</SubmitButton>
        </div>
      </ActionForm>
    </section>
  );
}
