"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/translate";

export async function setLocaleAction(formData: FormData) {
  const locale = formData.get("locale");
  if (typeof locale !== "string" || !(LOCALES as readonly string[]).includes(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
