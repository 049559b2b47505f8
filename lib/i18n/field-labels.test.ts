import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { errorsEn } from "./errors-en";

const root = path.join(import.meta.dirname, "../..");

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const files = ["app", "lib"].flatMap((directory) => sourceFiles(path.join(root, directory))).map((file) => ({ file, text: readFileSync(file, "utf8") }));
/** Every schema a form's fields are parsed with (`parseForm(ZName, …)`), the module that defines it, and whether it exports it. */
const formSchemas = [...new Set(files.flatMap(({ text }) => [...text.matchAll(/parseForm\((Z\w+)/g)].map((match) => match[1] as string)))].map((name) => {
  const defining = files.find(({ text }) => new RegExp(`^(export )?const ${name}\\b`, "m").test(text));
  return { name, file: defining?.file, exported: defining?.text.includes(`export const ${name}`) };
});

function fieldsOf(schema: z.ZodType): string[] {
  const def = schema._zod.def as { shape?: Record<string, unknown>; in?: z.ZodType; options?: z.ZodType[] };
  if (def.shape) return Object.keys(def.shape);
  if (def.in) return fieldsOf(def.in);
  return (def.options ?? []).flatMap(fieldsOf);
}

describe("form fields", () => {
  it("are found in the code (this test reads the schemas it should)", () => {
    expect(formSchemas.length).toBeGreaterThan(30);
    expect(formSchemas.filter(({ file }) => !file).map(({ name }) => name)).toEqual([]);
  });

  it("each have a label in both languages, so that a form's error names the field in the reader's words", async () => {
    const unlabelled: string[] = [];
    // A module's own unexported schemas are single values (an id), named as the form as a whole.
    for (const { name, file } of formSchemas.filter(({ exported }) => exported)) {
      const schema = (await import(file as string))[name] as z.ZodType;
      for (const field of fieldsOf(schema)) if (!(`errors.field.${field}` in errorsEn)) unlabelled.push(`${name}.${field}`);
    }
    expect(unlabelled).toEqual([]);
  });
});
