import { ActionLinkForm } from "@/components/escalation/action-link-form";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { LocalTime } from "@/components/ui/local-time";
import { inspectActionLink } from "@/lib/escalation/action-tokens";
import { getTranslator } from "@/lib/i18n/server";
import { setLocaleAction } from "../../locale-action";
import { applyActionLinkAction } from "./actions";

export const metadata = { title: "Incident action", robots: { index: false } };

/**
 * A notification's one-tap link, opened without signing in. Showing it changes nothing (mail
 * scanners and link previews open links); the button posts, and only that acts.
 */
export default async function ActionLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [{ locale, t }, link] = await Promise.all([getTranslator(), inspectActionLink(decodeURIComponent(token), new Date())]);
  const incident = link.incident;
  return (
    <main className="auth-card panel">
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
        <span className="brand" style={{ color: "var(--ink)" }}>
          <span className="brand-mark" aria-hidden /> {t("app.name")}
        </span>
        <LanguageSwitch locale={locale} label={t("nav.language")} setLocale={setLocaleAction} />
      </div>
      {incident ? (
        <p className="muted" style={{ marginTop: "1rem" }}>
          {incident.reference} · {incident.severity} · {incident.title}
        </p>
      ) : null}
      {link.state === "usable" && link.action ? (
        <>
          <h1>{t(link.action === "acknowledge" ? "actionLink.acknowledgeTitle" : "actionLink.escalateTitle")}</h1>
          <p>{t("actionLink.asUser", { name: link.userName })}</p>
          <ActionLinkForm
            action={applyActionLinkAction}
            token={decodeURIComponent(token)}
            submitLabel={t(link.action === "acknowledge" ? "actionLink.acknowledge" : "actionLink.escalate")}
            outcomes={{
              acknowledged: t("actionLink.acknowledged"),
              escalated: t("actionLink.escalated"),
              already_acknowledged: t("actionLink.alreadyAcknowledged"),
              not_escalated: t("actionLink.notEscalated"),
              used: t("actionLink.used"),
              expired: t("actionLink.expired"),
              unknown: t("actionLink.unknown"),
            }}
          />
        </>
      ) : (
        <>
          <h1>{t("actionLink.unusableTitle")}</h1>
          <p role="status">
            {link.state === "used" && link.usedAt ? (
              <>
                {t("actionLink.usedAt")} <LocalTime iso={link.usedAt.toISOString()} locale={locale} />
              </>
            ) : link.state === "expired" ? (
              t("actionLink.expired")
            ) : (
              t("actionLink.unknown")
            )}
          </p>
        </>
      )}
    </main>
  );
}
