import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { formCheckbox, formEnum, formList, formNumber, formOptionalText, formRecordId, formText } from "./form-fields";

function form(fields: Record<string, string | string[] | Blob>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) data.append(name, one);
  }
  return data;
}

const file = new Blob(["not text"]);

describe("form fields", () => {
  it("reads text as typed, and a missing field or a file as missing", () => {
    const data = form({ title: "  Checkout down ", empty: "", upload: file });
    expect(formText(data, "title")).toBe("  Checkout down ");
    expect(formText(data, "empty")).toBe("");
    expect(formText(data, "absent")).toBeUndefined();
    expect(formText(data, "upload")).toBeUndefined();
  });

  it("clears an optional text field left blank or missing", () => {
    const data = form({ owner: "u1", blank: "   " });
    expect(formOptionalText(data, "owner")).toBe("u1");
    expect(formOptionalText(data, "blank")).toBeNull();
    expect(formOptionalText(data, "absent")).toBeNull();
  });

  it("reads numbers, blank or missing as missing, and anything else as NaN for the schema to refuse", () => {
    const data = form({ days: " 30 ", blank: "", words: "thirty", zero: "0" });
    expect(formNumber(data, "days")).toBe(30);
    expect(formNumber(data, "zero")).toBe(0);
    expect(formNumber(data, "blank")).toBeUndefined();
    expect(formNumber(data, "absent")).toBeUndefined();
    expect(formNumber(data, "words")).toBeNaN();
  });

  it("takes a ticked checkbox or a toggle's true as on, and a missing box as off", () => {
    const data = form({ ticked: "on", toggled: "true", untoggled: "false", odd: "yes" });
    expect(formCheckbox(data, "ticked")).toBe(true);
    expect(formCheckbox(data, "toggled")).toBe(true);
    expect(formCheckbox(data, "untoggled")).toBe(false);
    expect(formCheckbox(data, "odd")).toBe(false);
    expect(formCheckbox(data, "absent")).toBe(false);
  });

  it("reads every value of a repeated field, none when missing", () => {
    expect(formList(form({ serviceIds: ["a", "b"] }), "serviceIds")).toEqual(["a", "b"]);
    expect(formList(form({ serviceIds: file }), "serviceIds")).toEqual([]);
    expect(formList(form({}), "serviceIds")).toEqual([]);
  });

  it("takes only one of an enum's values", () => {
    const locales = ["en", "ja"] as const;
    expect(formEnum(form({ locale: "ja" }), "locale", locales)).toBe("ja");
    expect(formEnum(form({ locale: "fr" }), "locale", locales)).toBeUndefined();
    expect(formEnum(form({}), "locale", locales)).toBeUndefined();
  });

  it("refuses a missing or blank record id with a 400 naming the field", () => {
    expect(formRecordId(form({ incidentId: "inc_1" }), "incidentId")).toBe("inc_1");
    for (const data of [form({}), form({ incidentId: " " }), form({ incidentId: file })]) {
      expect(() => formRecordId(data, "incidentId")).toThrow(DomainError);
      expect(() => formRecordId(data, "incidentId")).toThrow("incidentId: missing");
    }
  });
});
