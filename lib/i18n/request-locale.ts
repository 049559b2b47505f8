import { parse } from "cookie";
import { LOCALE_COOKIE, pickLocale, type TLocale } from "./translate";

/** The language a route handler answers a browser in: its language cookie, else Accept-Language. */
export function requestLocale(request: Request): TLocale {
  return pickLocale(parse(request.headers.get("cookie") ?? "")[LOCALE_COOKIE], request.headers.get("accept-language"));
}
