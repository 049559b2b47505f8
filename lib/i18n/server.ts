import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, pickLocale, translator, type TLocale, type TTranslate } from "./translate";

export async function getLocale(): Promise<TLocale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return pickLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
}

export async function getTranslator(): Promise<{ locale: TLocale; t: TTranslate }> {
  const locale = await getLocale();
  return { locale, t: translator(locale) };
}
