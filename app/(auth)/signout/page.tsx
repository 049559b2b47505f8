import Link from "next/link";
import { getTranslator } from "@/lib/i18n/server";
import { SignOutButton } from "./sign-out-button";

export const metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const { t } = await getTranslator();
  return (
    <main className="auth-card panel stack">
      <h1>{t("signout.title")}</h1>
      <p>{t("signout.confirm")}</p>
      <div style={{ display: "flex", gap: "0.5rem" }}>
        <SignOutButton label={t("signout.submit")} />
        <Link className="button" href="/incidents">
          {t("common.cancel")}
        </Link>
      </div>
    </main>
  );
}
