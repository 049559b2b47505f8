import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";

export default async function ForbiddenPage() {
  await requireUser();
  const { t } = await getTranslator();
  return (
    <div className="empty" role="alert">
      <h1 className="empty-title">{t("error.forbidden")}</h1>
      <Link href="/incidents">{t("nav.incidents")}</Link>
    </div>
  );
}
