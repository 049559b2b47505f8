"use server";

import { cookies } from "next/headers";
import { formEnum } from "@/lib/http/form-fields";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/translate";

export async function setLocaleAction(formData: FormData) {
  const locale = formEnum(formData, "locale", LOCALES);
  if (!locale) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
