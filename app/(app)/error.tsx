"use client";

import { translator } from "@/lib/i18n/translate";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  // An error boundary gets no props from the layout: the page's language is on <html lang>.
  const t = translator(typeof document !== "undefined" && document.documentElement.lang === "ja" ? "ja" : "en");
  return (
    <div className="empty" role="alert">
      <p>{t("error.title")}</p>
      <button type="button" onClick={reset}>
        {t("error.retry")}
      </button>
    </div>
  );
}
