import { en, type TMessageKey } from "./en";
import { ja } from "./ja";

export const LOCALES = ["en", "ja"] as const;
export type TLocale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = "firebreak-locale";

const DICTIONARIES: Record<TLocale, Record<TMessageKey, string>> = { en, ja };

/** A message in one language; it carries that language for what it formats without messages (durations, numbers). */
export type TTranslate = ((key: TMessageKey, vars?: Record<string, string | number>) => string) & { readonly locale: TLocale };

export function translator(locale: TLocale): TTranslate {
  const dictionary = DICTIONARIES[locale];
  const translate = (key: TMessageKey, vars?: Record<string, string | number>) =>
    dictionary[key].replace(/\{(\w+)\}/g, (match, name: string) => (vars && name in vars ? String(vars[name]) : match));
  return Object.assign(translate, { locale });
}

/** The explicit choice (cookie) wins; otherwise the first supported language the browser asks for. */
export function pickLocale(cookieValue: string | undefined, acceptLanguage: string | null): TLocale {
  if (cookieValue === "en" || cookieValue === "ja") return cookieValue;
  const preferences = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((param) => param.trim().startsWith("q="));
      return { language: tag.toLowerCase().split("-")[0], weight: q ? Number(q.split("=")[1]) : 1 };
    })
    .filter((preference) => preference.language && !Number.isNaN(preference.weight))
    .sort((a, b) => b.weight - a.weight);
  const supported = preferences.find((preference) => preference.language === "en" || preference.language === "ja");
  return (supported?.language as TLocale | undefined) ?? "en";
}
