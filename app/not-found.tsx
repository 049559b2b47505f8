import Link from "next/link";
import { getTranslator } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getTranslator();
  return (
    <main className="auth-card panel stack">
      <h1>{t("error.notFound")}</h1>
      <Link href="/incidents">{t("nav.incidents")}</Link>
    </main>
  );
}
