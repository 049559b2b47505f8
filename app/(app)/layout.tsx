import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { ErrorMessagesProvider } from "@/components/layout/error-messages";
import { requireUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { TimeProvider } from "@/components/ui/time-context";
import { userTimeZone } from "@/lib/users/queries";
import { setLocaleAction } from "../locale-action";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const [actor, { locale, t }] = await Promise.all([requireUser(), getTranslator()]);
  const timeZone = await userTimeZone(actor.id);
  return (
    <TimeProvider timeZone={timeZone} now={new Date().toISOString()}>
      <AppShell actor={actor} locale={locale} t={t} setLocale={setLocaleAction}>
        <ErrorMessagesProvider messages={{ title: t("error.title"), retry: t("error.retry") }}>{children}</ErrorMessagesProvider>
      </AppShell>
    </TimeProvider>
  );
}
