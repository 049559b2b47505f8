import Link from "next/link";
import type { ReactNode } from "react";
import { can, type TActor } from "@/lib/auth/permissions";
import type { TLocale, TTranslate } from "@/lib/i18n/translate";
import { LanguageSwitch } from "./language-switch";
import { NavMenu } from "./nav-menu";

export function AppShell({
  actor,
  locale,
  t,
  setLocale,
  children,
}: {
  actor: TActor;
  locale: TLocale;
  t: TTranslate;
  setLocale: (formData: FormData) => Promise<void>;
  children: ReactNode;
}) {
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <header className="topbar">
        <Link href="/incidents" className="brand">
          <span className="brand-mark" aria-hidden /> {t("app.name")}
        </Link>
        <nav aria-label={t("nav.main")}>
          <Link href="/incidents">{t("nav.incidents")}</Link>
          <Link href="/alerts">{t("nav.alerts")}</Link>
          <Link href="/services">{t("nav.services")}</Link>
          <Link href="/teams">{t("nav.teams")}</Link>
          <Link href="/review">{t("nav.review")}</Link>
          <Link href="/postmortems">{t("nav.postmortems")}</Link>
          <Link href="/action-items">{t("nav.actionItems")}</Link>
          {can(actor.role, "integration:manage") ? (
            <NavMenu label={t("nav.admin")} testId="admin-menu">
              <Link href="/integrations">{t("nav.integrations")}</Link>
              <Link href="/heartbeats">{t("nav.heartbeats")}</Link>
              <Link href="/escalation-policies">{t("nav.escalation")}</Link>
              <Link href="/admin/webhooks">{t("nav.webhooks")}</Link>
              <Link href="/admin/checklists">{t("nav.checklists")}</Link>
              <Link href="/admin/notifications">{t("nav.channels")}</Link>
              {can(actor.role, "user:manage") ? <Link href="/admin/users">{t("nav.users")}</Link> : null}
            </NavMenu>
          ) : null}
        </nav>
        <div className="who">
          <LanguageSwitch locale={locale} label={t("nav.language")} setLocale={setLocale} />
          <NavMenu
            testId="user-menu"
            label={
              <span data-testid="current-user">
                {actor.name} · {t(`common.role.${actor.role}`)}
              </span>
            }
          >
            <Link href="/settings/profile">{t("nav.profile")}</Link>
            <Link href="/settings/notifications">{t("nav.notifications")}</Link>
            <Link href="/settings/tokens">{t("nav.tokens")}</Link>
            <Link href="/signout">{t("nav.signOut")}</Link>
          </NavMenu>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
