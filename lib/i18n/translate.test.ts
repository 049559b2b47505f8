import { describe, expect, it } from "vitest";
import { en } from "./en";
import { ja } from "./ja";
import { pickLocale, translator } from "./translate";

describe("pickLocale", () => {
  it("prefers the explicit choice over the browser", () => {
    expect(pickLocale("ja", "en-US,en;q=0.9")).toBe("ja");
    expect(pickLocale("en", "ja-JP")).toBe("en");
  });

  it("follows Accept-Language by weight and falls back to English", () => {
    expect(pickLocale(undefined, "ja-JP,ja;q=0.9,en;q=0.8")).toBe("ja");
    expect(pickLocale(undefined, "fr-FR,en;q=0.5,ja;q=0.7")).toBe("ja");
    expect(pickLocale(undefined, "de-DE")).toBe("en");
    expect(pickLocale("xx", null)).toBe("en");
  });
});

/**
 * The Japanese placeholders of the messages that differ from the English on purpose: API field
 * names (`memberIds`) and zod's English messages, which the Japanese leaves out, saying what to fix
 * in its own words instead (lib/errors.ts issueMessage).
 */
const JAPANESE_PLACEHOLDERS: Partial<Record<keyof typeof en, string[]>> = {
  "errors.form.recordMissing": [],
  "errors.form.required": ["path"],
  "errors.form.number": ["path"],
  "errors.form.tooShort": ["minimum", "path"],
  "errors.form.tooLong": ["maximum", "path"],
  "errors.form.tooSmall": ["minimum", "path"],
  "errors.form.tooBig": ["maximum", "path"],
  "errors.form.tooFew": ["minimum", "path"],
  "errors.form.tooMany": ["maximum", "path"],
  "errors.form.choice": ["path"],
  "errors.form.format": ["path"],
  "errors.form.invalid": ["path"],
  "errors.oncall.unknownUser": [],
  "errors.oncall.notTeamMember": [],
};

describe("dictionaries", () => {
  it("gives every English message a Japanese one with the same placeholders", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(ja[key], key).toBeTruthy();
      expect(placeholders(ja[key]), key).toEqual(JAPANESE_PLACEHOLDERS[key] ?? placeholders(en[key]));
    }
  });

  it("fills placeholders and uses the template's Japanese role names", () => {
    expect(translator("en")("timeline.status_changed", { from: "A", to: "B" })).toBe("changed status from A to B");
    expect(translator("ja")("role.commander")).toBe("責任者 (インシデントコマンダー)");
    expect(translator("ja")("role.operations")).toBe("実行担当");
  });
});
