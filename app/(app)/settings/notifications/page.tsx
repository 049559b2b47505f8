import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { PushSubscribeButton } from "@/components/notifications/push-subscribe";
import { TestNotificationButton } from "@/components/notifications/test-button";
import { requireUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { DeliveryAttempts } from "@/components/notifications/delivery-attempts";
import { listContactMethods, listNotificationAttempts, notificationLocale } from "@/lib/notifications/queries";
import { CONTACT_METHOD_KINDS, MAX_RULE_DELAY_MINUTES } from "@/lib/notifications/schema";
import { ensureVapidKeys } from "@/lib/notifications/vapid";
import {
  addContactMethodAction,
  addPushSubscriptionAction,
  addRuleAction,
  removeContactMethodAction,
  removeRuleAction,
  setNotificationLocaleAction,
  testContactMethodAction,
} from "./actions";

export const metadata = { title: "My notifications" };

export default async function MyNotificationsPage() {
  const actor = await requireUser();
  const [{ locale, t }, methods, attempts, myLocale, publicKey] = await Promise.all([
    getTranslator(),
    listContactMethods(actor.id),
    listNotificationAttempts(actor.id),
    notificationLocale(actor.id),
    ensureVapidKeys(),
  ]);
  return (
    <div className="stack">
      <div>
        <h1>{t("me.title")}</h1>
        <p className="muted">{t("me.intro")}</p>
      </div>

      <section className="panel" style={{ maxWidth: 720 }}>
        <ActionForm action={setNotificationLocaleAction} className="inline" label={t("me.language")}>
          <label className="field">
            {t("me.language")}
            {/* keyed: React resets a form after its action, and a changed defaultValue alone would not show the saved choice */}
            <select key={myLocale} name="locale" defaultValue={myLocale}>
              <option value="en">English</option>
              <option value="ja">日本語</option>
            </select>
          </label>
          <SubmitButton small>{t("me.languageSave")}</SubmitButton>
        </ActionForm>
      </section>

      <section className="panel" aria-labelledby="methods-heading">
        <h2 id="methods-heading">{t("me.methods")}</h2>
        {methods.length === 0 ? <p className="empty">{t("me.noMethods")}</p> : null}
        {methods.map((method) => (
          <article key={method.id} className="panel" data-testid="contact-method" aria-label={method.label}>
            <div className="page-head" style={{ marginBottom: "0.5rem" }}>
              <div>
                <h3>{method.label}</h3>
                <div className="muted small">
                  {t(`me.kind.${method.kind}`)}
                  {method.address ? (
                    <>
                      {" · "}
                      <code>{method.address}</code>
                    </>
                  ) : null}
                </div>
              </div>
              <ActionForm action={removeContactMethodAction} className="inline" label={`${t("me.removeMethod")}: ${method.label}`}>
                <input type="hidden" name="contactMethodId" value={method.id} />
                <SubmitButton small>{t("me.removeMethod")}</SubmitButton>
              </ActionForm>
            </div>
            {method.rules.length === 0 ? <p className="muted small">{t("me.noRules")}</p> : null}
            <ul>
              {method.rules.map((rule) => {
                const urgency = t(`me.urgency.${rule.urgency}`);
                const text = rule.delayMinutes === 0 ? t("me.ruleAtOnce", { urgency }) : t("me.rule", { urgency, minutes: rule.delayMinutes });
                return (
                  <li key={rule.id} data-testid="notification-rule">
                    {text}{" "}
                    <ActionForm action={removeRuleAction} className="inline" label={`${t("me.removeRule")}: ${text}`}>
                      <input type="hidden" name="ruleId" value={rule.id} />
                      <SubmitButton small>{t("me.removeRule")}</SubmitButton>
                    </ActionForm>
                  </li>
                );
              })}
            </ul>
            <ActionForm action={addRuleAction} className="inline" label={`${t("me.addRule")}: ${method.label}`}>
              <input type="hidden" name="contactMethodId" value={method.id} />
              <label className="field">
                {t("me.urgency")}
                <select name="urgency" defaultValue="high">
                  <option value="high">{t("me.urgency.high")}</option>
                  <option value="low">{t("me.urgency.low")}</option>
                </select>
              </label>
              <label className="field">
                {t("me.minutes")}
                <input name="delayMinutes" type="number" min={0} max={MAX_RULE_DELAY_MINUTES} defaultValue={5} required style={{ width: "6rem" }} />
              </label>
              <SubmitButton small>{t("me.addRule")}</SubmitButton>
            </ActionForm>
            <TestNotificationButton action={testContactMethodAction} contactMethodId={method.id} label={t("me.test")} methodLabel={method.label} />
          </article>
        ))}
      </section>

      <section className="panel" style={{ maxWidth: 720 }}>
        <h2>{t("me.push")}</h2>
        <p className="small muted">{t("me.pushHelp")}</p>
        <PushSubscribeButton
          publicKey={publicKey}
          save={addPushSubscriptionAction}
          texts={{ subscribe: t("me.pushSubscribe"), unsupported: t("me.pushUnsupported"), denied: t("me.pushDenied"), done: t("me.pushDone"), label: t("me.pushLabel") }}
        />
      </section>

      <section className="panel" style={{ maxWidth: 720 }}>
        <h2>{t("me.add")}</h2>
        <ActionForm action={addContactMethodAction} resetOnSuccess label={t("me.add")}>
          <label className="field">
            {t("me.kind")}
            <select name="kind" defaultValue="email">
              {CONTACT_METHOD_KINDS.filter((kind) => kind !== "webpush").map((kind) => (
                <option key={kind} value={kind}>
                  {t(`me.kind.${kind}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t("me.label")}
            <input name="label" required maxLength={100} />
          </label>
          <label className="field">
            {t("me.address")}
            <input name="address" maxLength={200} aria-describedby="address-help" />
          </label>
          <p id="address-help" className="small muted">
            {t("me.addressHelp")}
          </p>
          <label className="field">
            {t("me.chatworkAccount")}
            <input name="chatworkAccountId" inputMode="numeric" maxLength={20} />
          </label>
          <div>
            <SubmitButton primary>{t("me.addSubmit")}</SubmitButton>
          </div>
        </ActionForm>
      </section>

      <section className="panel">
        <h2>{t("me.attempts")}</h2>
        {attempts.length === 0 ? (
          <p className="muted small">{t("me.noAttempts")}</p>
        ) : (
          <DeliveryAttempts t={t} locale={locale} attempts={attempts} testId="notification-attempts" />
        )}
      </section>
    </div>
  );
}
