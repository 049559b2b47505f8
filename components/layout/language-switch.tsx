"use client";

import type { TLocale } from "@/lib/i18n/translate";

/** `setLocale`: the server action that stores the choice (app/locale-action.ts), passed in by the page. */
export function LanguageSwitch({ locale, label, setLocale }: { locale: TLocale; label: string; setLocale: (formData: FormData) => Promise<void> }) {
  return (
    <form action={setLocale}>
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
