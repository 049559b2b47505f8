import type { z } from "zod";

type TPageSearchParams = Record<string, string | string[] | undefined>;

/**
 * A page's filters from its query string. Only the filter's own parameters are read (the filters
 * are strict for the API, where an unknown parameter is a mistake); an invalid filter, or one
 * holding NUL, falls back to the defaults rather than failing the page.
 */
export function parsePageFilter<TSchema extends z.ZodObject>(schema: TSchema, searchParams: TPageSearchParams): z.infer<TSchema> {
  const parsed = safeParsePageFilter(schema, searchParams);
  return parsed.success ? parsed.data : schema.parse({});
}

/** The same parameters as parsePageFilter, for a page that tells the reader its filter was invalid instead of using the defaults. */
export function safeParsePageFilter<TSchema extends z.ZodObject>(schema: TSchema, searchParams: TPageSearchParams) {
  const raw = Object.fromEntries(
    Object.entries(searchParams).filter(([name, value]) => name in schema.shape && typeof value === "string" && value !== "" && !value.includes("\0")),
  );
  return schema.safeParse(raw);
}
