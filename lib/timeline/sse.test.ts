import { expect, it } from "vitest";
import { encodeSseEvent, resumeAfter } from "./sse";

it("encodes an event with its id, name and JSON data", () => {
  expect(encodeSseEvent({ id: "42", event: "timeline", data: { kind: "note", body: "two\nlines" } })).toBe(
    'id: 42\nevent: timeline\ndata: {"kind":"note","body":"two\\nlines"}\n\n',
  );
});

it("resumes after Last-Event-ID, else ?after=, ignoring anything that is not an id", () => {
  expect(resumeAfter("17", "3")).toBe(17n);
  expect(resumeAfter(null, "3")).toBe(3n);
  expect(resumeAfter("x; drop", null)).toBe(0n);
  expect(resumeAfter(null, null)).toBe(0n);
});
