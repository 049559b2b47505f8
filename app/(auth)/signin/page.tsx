import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { ssoProviders } from "@/lib/auth/options";
import { sessionActor } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { setLocaleAction } from "../../locale-action";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await sessionActor()) redirect("/incidents");
  const { locale, t } = await getTranslator();
  const providers = ssoProviders();
  return (
    <main className="auth-card panel">
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
        <span className="brand" style={{ color: "var(--ink)" }}>
          <span className="brand-mark" aria-hidden /> {t("app.name")}
        </span>
        <LanguageSwitch locale={locale} label={t("nav.language")} setLocale={setLocaleAction} />
      </div>
      <h1 style={{ marginTop: "1rem" }}>{t("signin.title")}</h1>
      <p className="muted small">{t("app.tagline")}</p>
      <Suspense>
        <SignInForm
          providers={providers}
          strings={{
            email: t("signin.email"),
            password: t("signin.password"),
            submit: t("signin.submit"),
            failed: t("signin.failed"),
            // "{seconds}" stays in the text: the form fills in what next-auth reports.
            throttled: t("signin.throttled"),
            or: t("signin.or"),
            withProvider: providers.map((provider) => t("signin.with", { provider: provider.name })),
          }}
        />
      </Suspense>
    </main>
  );
}
