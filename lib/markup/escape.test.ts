import { describe, expect, it } from "vitest";
import { markdownTableCell, spreadsheetText } from "./escape";

describe("spreadsheetText", () => {
  it("keeps text a spreadsheet would run as a formula as text", () => {
    for (const text of ['=HYPERLINK("https://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]) expect(spreadsheetText(text)).toBe(`'${text}`);
  });

  it("leaves other text alone, a formula character later in it included", () => {
    for (const text of ["Checkout API", "INC-9 = broken", "", "availability 99.9%"]) expect(spreadsheetText(text)).toBe(text);
  });
});

describe("markdownTableCell", () => {
  it("keeps a cell with pipes and newlines on one row of its table", () => {
    expect(markdownTableCell("a | b\n| c |\r\nd")).toBe("a \\| b \\| c \\| d");
  });
});
