"use client";

import { setLocaleAction } from "@/app/locale-action";
import type { TLocale } from "@/lib/i18n/translate";

export function LanguageSwitch({ locale, label }: { locale: TLocale; label: string }) {
  return (
    <form action={setLocaleAction}>
      <label>
        <span className="visually-hidden">{label}</span>
        <select name="locale" defaultValue={locale} aria-label={label} onChange={(event) => event.currentTarget.form?.requestSubmit()}>
          <option value="en">English</option>
          <option value="ja">日本語</option>
        </select>
      </label>
      <noscript>
        <button type="submit">OK</button>
      </noscript>
    </form>
  );
}
