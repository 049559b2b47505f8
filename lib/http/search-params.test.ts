import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parsePageFilter, safeParsePageFilter } from "./search-params";

const ZFilter = z.strictObject({
  status: z.enum(["open", "closed"]).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

describe("page filters from the query string", () => {
  it("reads only the filter's own parameters, skipping empty and repeated ones", () => {
    expect(parsePageFilter(ZFilter, { status: "open", utm_source: "mail", limit: "" })).toEqual({ status: "open", limit: 20 });
    expect(parsePageFilter(ZFilter, { status: ["open", "closed"], limit: "5" })).toEqual({ limit: 5 });
  });

  it("falls back to the defaults for an invalid filter or one holding NUL", () => {
    expect(parsePageFilter(ZFilter, { status: "pending", limit: "5" })).toEqual({ limit: 20 });
    expect(parsePageFilter(ZFilter, { status: "open\0" })).toEqual({ limit: 20 });
  });

  it("tells a page that shows the problem what was wrong", () => {
    const parsed = safeParsePageFilter(ZFilter, { limit: "500" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["limit"]);
    expect(safeParsePageFilter(ZFilter, { limit: "5", other: "x" }).data).toEqual({ limit: 5 });
  });
});
