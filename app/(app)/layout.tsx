import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { requireUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { setLocaleAction } from "../locale-action";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const [actor, { locale, t }] = await Promise.all([requireUser(), getTranslator()]);
  return (
    <AppShell actor={actor} locale={locale} t={t} setLocale={setLocaleAction}>
      {children}
    </AppShell>
  );
}
