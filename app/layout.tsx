import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TimeProvider } from "@/components/ui/time-context";
import { getLocale } from "@/lib/i18n/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Firebreak", template: "%s · Firebreak" },
  description: "Incident response and blameless postmortems, self-hosted",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        <TimeProvider timeZone={null} now={new Date().toISOString()}>
          {children}
        </TimeProvider>
      </body>
    </html>
  );
}
