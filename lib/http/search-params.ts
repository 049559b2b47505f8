import type { z } from "zod";

type TPageSearchParams = Record<string, string | string[] | undefined>;

/** A page's filters from its query string; an invalid filter falls back to the defaults rather than failing the page. */
export function parsePageFilter<TSchema extends z.ZodType>(schema: TSchema, searchParams: TPageSearchParams): z.infer<TSchema> {
  const raw = Object.fromEntries(Object.entries(searchParams).filter(([, value]) => typeof value === "string" && value !== ""));
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : schema.parse({});
}
