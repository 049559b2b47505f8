import { describe, expect, it } from "vitest";
import { formatByteLimit, MAX_JSON_BYTES, MAX_SLI_PUSH_BYTES, requestBodyLimit } from "./body-limits";

describe("requestBodyLimit", () => {
  it("gives an SLI push room for 10,000 minutes and every other API body 256 KiB", () => {
    expect(requestBodyLimit("/api/slos/cmx6b7l5x0003w77dpct7rzog/sli")).toBe(MAX_SLI_PUSH_BYTES);
    expect(requestBodyLimit("/api/slos/cmx6b7l5x0003w77dpct7rzog")).toBe(MAX_JSON_BYTES);
    expect(requestBodyLimit("/api/tokens")).toBe(MAX_JSON_BYTES);
    expect(requestBodyLimit("/api/pagerduty/v2/enqueue")).toBe(MAX_JSON_BYTES);
  });

  it("holds pages (server actions, which Next limits to 1 MB itself) to the largest API limit", () => {
    expect(requestBodyLimit("/incidents/INC-12")).toBe(MAX_SLI_PUSH_BYTES);
    expect(requestBodyLimit("//api/tokens")).toBe(MAX_SLI_PUSH_BYTES);
  });

  it("writes limits as people read them", () => {
    expect([formatByteLimit(MAX_JSON_BYTES), formatByteLimit(MAX_SLI_PUSH_BYTES)]).toEqual(["256 KiB", "2 MiB"]);
  });
});
