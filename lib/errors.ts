import { en, type TMessageKey } from "@/lib/i18n/en";
import { apiMessage, readMessage, type TMessage, type TMessageVars } from "@/lib/i18n/message";
import type { TTranslate } from "@/lib/i18n/translate";
import type { z } from "zod";

/** The message keys of domain errors (lib/i18n/errors-en.ts and room-en.ts). */
export type TErrorKey = Extract<TMessageKey, `errors.${string}`>;
/** An error's message before it is read in a language: its key and values. */
export type TErrorMessage = { readonly key: TErrorKey; readonly vars?: TMessageVars };

type TErrorOptions = {
  /** For 429: when the caller may try again (sent as Retry-After). */
  retryAfterSeconds?: number;
  /** What a form shows, where it says more than the API's message (defaults to the same message). */
  inForms?: TMessage;
};

/**
 * Errors the domain raises on purpose; route handlers map them to HTTP status codes. The message is
 * a key with values: `message` is its English text (the API's and the logs'), `localized` reads it
 * in the language of the person at a form.
 */
export class DomainError extends Error {
  readonly retryAfterSeconds?: number;
  private readonly shown: TMessage;

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429,
    readonly code: string,
    key: TErrorKey,
    vars?: TMessageVars,
    options: TErrorOptions = {},
  ) {
    super(apiMessage({ key, vars }));
    this.name = "DomainError";
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.shown = options.inForms ?? { key, vars };
  }

  /** The message in the reader's language, as forms show it. */
  readonly localized = (t: TTranslate): string => readMessage(t, this.shown);
}

/** What can be missing, each named in both languages (`errors.noun.*`). */
export type TNoun =
  | "actionItem"
  | "alert"
  | "apiToken"
  | "author"
  | "checklistItem"
  | "commander"
  | "contactMethod"
  | "escalationPolicy"
  | "heartbeat"
  | "incident"
  | "integration"
  | "layer"
  | "notificationRule"
  | "openComment"
  | "outgoingWebhook"
  | "override"
  | "postmortem"
  | "rotation"
  | "schedule"
  | "service"
  | "slo"
  | "sloImpact"
  | "team"
  | "teamChannel"
  | "timelineEntry"
  | "user"
  | "version";

export const notFound = (what: TNoun) => new DomainError(404, "not_found", "errors.notFound", { what: { key: `errors.noun.${what}` } });
export const forbidden = (key: TErrorKey = "errors.forbidden", vars?: TMessageVars) => new DomainError(403, "forbidden", key, vars);
export const conflict = (key: TErrorKey, vars?: TMessageVars) => new DomainError(409, "conflict", key, vars);
export const unprocessable = (key: TErrorKey, vars?: TMessageVars) => new DomainError(422, "invalid_change", key, vars);

/**
 * A change made from a value the caller saw that is no longer current (someone else changed it
 * meanwhile): refused rather than applied, so that a page left open never undoes a newer change.
 * Forms say more than the API: what the page shows now, and what to do.
 */
export function staleChange(message: TErrorMessage, inForms: TMessage) {
  return new DomainError(409, "stale_change", message.key, message.vars, { inForms });
}

/** A part of a field's path as forms name it: a field of a form, or a setting of a notification channel (`host`, `roomId`). */
function fieldLabel(segment: string): TMessageKey | null {
  const labels = [`errors.field.${segment}`, `channels.field.${segment}`];
  return (labels.find((key) => key in en) as TMessageKey | undefined) ?? null;
}

/**
 * A field as a form names it: by its label in the reader's language (the deepest part of its path
 * that has one; the item's number where it is in a list), while the API keeps the path itself
 * (`steps.0.delayMinutes`), which API clients match on.
 */
function fieldName(path: readonly string[]): TMessage {
  const api = path.join(".") || "form";
  const label: TMessage = {
    key:
      [...path]
        .reverse()
        .map(fieldLabel)
        .find((key) => key !== null) ?? "errors.field.form",
  };
  const item = path.findLast((segment) => /^\d+$/.test(segment));
  return item === undefined ? { ...label, api } : { key: "errors.form.fieldItem", vars: { field: label, n: Number(item) + 1 }, api };
}

/**
 * One field that does not parse, as a form shows it, named by its label. English keeps zod's
 * message (the schema's own where it has one: "must be an IANA time zone"); Japanese says what to
 * fix from the kind of issue, since zod's Japanese locale still names types in English ("string")
 * and the schemas' own messages are English.
 */
function issueMessage(issue: z.core.$ZodIssue, path: TMessage): TMessage {
  const vars = { path, message: issue.message };
  switch (issue.code) {
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.origin === "string") return { key: minimum <= 1 ? "errors.form.required" : "errors.form.tooShort", vars: { ...vars, minimum } };
      if (issue.origin === "array" || issue.origin === "set") return { key: "errors.form.tooFew", vars: { ...vars, minimum } };
      return { key: issue.inclusive === false ? "errors.form.invalid" : "errors.form.tooSmall", vars: { ...vars, minimum } };
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      if (issue.origin === "string") return { key: "errors.form.tooLong", vars: { ...vars, maximum } };
      if (issue.origin === "array" || issue.origin === "set") return { key: "errors.form.tooMany", vars: { ...vars, maximum } };
      return { key: issue.inclusive === false ? "errors.form.invalid" : "errors.form.tooBig", vars: { ...vars, maximum } };
    }
    case "invalid_type": {
      // Left empty, or given something else (a number field's "abc" is NaN): parseForm reports the input.
      const missing = !("input" in issue) || issue.input === undefined || issue.input === null || issue.input === "";
      return { key: !missing && (issue.expected === "number" || issue.expected === "int") ? "errors.form.number" : "errors.form.required", vars };
    }
    case "invalid_value":
      return { key: "errors.form.choice", vars };
    case "invalid_format":
      return { key: "errors.form.format", vars };
    default:
      return { key: "errors.form.invalid", vars };
  }
}

/**
 * Fields that do not parse, each named by its path (under `prefix`, the object they are in): a 400,
 * or a 422 where the fields parsed once and a rule of the domain refused them.
 */
export function invalidFields(issues: readonly z.core.$ZodIssue[], options: { prefix?: string; status?: 400 | 422 } = {}) {
  const { prefix, status = 400 } = options;
  const items = issues.map((issue) => issueMessage(issue, fieldName([...(prefix ? [prefix] : []), ...issue.path.map(String)])));
  return new DomainError(status, status === 400 ? "invalid_request" : "invalid_change", "errors.form.issues", {
    issues: { items, separator: "errors.separator.issues" },
  });
}
