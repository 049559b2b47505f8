import { z } from "zod";
import { DomainError } from "@/lib/errors";

// A server action's fields, read one way. A field the form did not send (or sent as a file where
// text was expected) is missing: `undefined`, so that the action's zod schema says the field is
// required, and a partial update leaves it alone, instead of the field turning into an empty
// string one action refuses as "too short" and another stores. Text is returned as it was typed:
// the schemas trim what they store, and a password is taken as it is.

const stringValue = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : undefined);

/** A text field: its value as typed, `undefined` when missing. */
export function formText(form: FormData, name: string): string | undefined {
  return stringValue(form.get(name));
}

/** An optional text field: `null` when missing or left blank (the value is cleared), else as typed. */
export function formOptionalText(form: FormData, name: string): string | null {
  const value = formText(form, name);
  return value === undefined || value.trim() === "" ? null : value;
}

/** A number field: `undefined` when missing or blank, NaN when not a number (the schema says which). */
export function formNumber(form: FormData, name: string): number | undefined {
  const value = formText(form, name)?.trim();
  return value ? Number(value) : undefined;
}

/**
 * A checkbox, or a toggle button's hidden field: on when a ticked checkbox sent "on" or the toggle
 * sent "true"; off when missing, as browsers send no field for an unticked box.
 */
export function formCheckbox(form: FormData, name: string): boolean {
  const value = formText(form, name);
  return value === "on" || value === "true";
}

/** Every value of a repeated field (a group of checkboxes), none when missing. */
export function formList(form: FormData, name: string): string[] {
  return form.getAll(name).flatMap((value) => stringValue(value) ?? []);
}

/** One of `values`, or `undefined` when the field is missing or holds anything else. */
export function formEnum<const TValues extends readonly [string, ...string[]]>(form: FormData, name: string, values: TValues): TValues[number] | undefined {
  return z.enum(values).safeParse(formText(form, name)).data;
}

/** The id of the record a form acts on; refused with a 400 naming the field when missing or blank. */
export function formRecordId(form: FormData, name: string): string {
  const value = formText(form, name);
  if (!value?.trim()) throw new DomainError(400, "invalid_request", "errors.form.recordMissing", { field: name });
  return value;
}
