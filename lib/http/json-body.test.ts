import { describe, expect, it } from "vitest";
import { JsonBodyError, MAX_JSON_DEPTH, parseJsonBody } from "./json-body";

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("parseJsonBody", () => {
  it("takes JSON nested up to the limit and refuses one level more", () => {
    expect(() => parseJsonBody(nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => parseJsonBody(nested(MAX_JSON_DEPTH + 1))).toThrow(new JsonBodyError(`The body is nested deeper than ${MAX_JSON_DEPTH} levels`));
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    const text = JSON.stringify({ note: `\\"${"[".repeat(500)}`, list: [1, 2] });
    expect(parseJsonBody(text)).toEqual(JSON.parse(text));
  });

  it("names the field holding a NUL character, in values and in keys", () => {
    expect(() => parseJsonBody(JSON.stringify({ alerts: [{ labels: { host: "db\u00001" } }] }))).toThrow(
      expect.objectContaining({ field: { path: "alerts.0.labels.host", message: "must not contain a NUL character (\\u0000)" } }),
    );
    expect(() => parseJsonBody(JSON.stringify({ labels: { "a\u0000": "b" } }))).toThrow(
      expect.objectContaining({ field: expect.objectContaining({ path: "labels.a\\u0000" }) }),
    );
  });

  it("does not mistake an escaped backslash followed by u0000 for NUL", () => {
    expect(parseJsonBody('{"path":"C:\\\\u0000"}')).toEqual({ path: "C:\\u0000" });
  });

  it("names the field holding half a surrogate pair, and takes whole pairs", () => {
    expect(() => parseJsonBody('{"labels":{"x":"a\\ud800b"}}')).toThrow(
      expect.objectContaining({ field: { path: "labels.x", message: expect.stringMatching(/must be valid Unicode/) } }),
    );
    expect(() => parseJsonBody('{"labels":{"\\udc00":"b"}}')).toThrow(expect.objectContaining({ field: expect.objectContaining({ path: "labels.\\udc00" }) }));
    expect(parseJsonBody('{"title":"\\ud83d\\udd25 火事"}')).toEqual({ title: "🔥 火事" });
  });

  it("refuses what is not JSON", () => {
    expect(() => parseJsonBody("{not json")).toThrow(new JsonBodyError("The body is not valid JSON"));
  });
});
