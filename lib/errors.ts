import type { TTranslate } from "@/lib/i18n/translate";

/** Errors the domain raises on purpose; route handlers map them to HTTP status codes. */
export class DomainError extends Error {
  /** The message in the reader's language, where the error has one (forms show it; the API keeps English). */
  localized?: (t: TTranslate) => string;

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429,
    readonly code: string,
    message: string,
    /** For 429: when the caller may try again (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string) => new DomainError(404, "not_found", `${what} not found`);
export const forbidden = (message = "Your role does not allow this") => new DomainError(403, "forbidden", message);
export const conflict = (message: string) => new DomainError(409, "conflict", message);
export const unprocessable = (message: string) => new DomainError(422, "invalid_change", message);

/**
 * A change made from a value the caller saw that is no longer current (someone else changed it
 * meanwhile): refused rather than applied, so that a page left open never undoes a newer change.
 */
export function staleChange(message: string, localized: (t: TTranslate) => string) {
  const error = new DomainError(409, "stale_change", message);
  error.localized = localized;
  return error;
}
