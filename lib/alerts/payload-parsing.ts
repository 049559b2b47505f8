import { z } from "zod";
import { ALERT_LINK_NAMES, AlertPayloadError, type TAlertLink, type TAlertLinkKind } from "./schema";

const EARLIEST_PLAUSIBLE = Date.UTC(2000, 0, 1);
/** How far a sender's clock may run ahead of ours: a time within it is read as the time of receipt. */
export const CLOCK_SKEW_TOLERANCE_MS = 5 * 60_000;

/** Parses a payload with a zod schema; the error names each wrong field by its path. */
export function parsePayload<TSchema extends z.ZodType>(schema: TSchema, payload: unknown, what: string): z.infer<TSchema> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`);
  throw new AlertPayloadError(`Not a valid ${what} payload: ${problems.join("; ")}`);
}

/**
 * A timestamp from a sender, accepting the forms they really send: ISO 8601 with `Z`, an offset
 * (`+09:00` or `+0000`), or none at all (CloudWatch's StateChangeTime is UTC without a zone).
 */
export function parseSenderTime(value: string, field: string, receivedAt: Date): Date {
  const normalised = value
    .trim()
    .replace(/([+-]\d{2})(\d{2})$/, "$1:$2")
    .replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/, "$1Z");
  const time = new Date(normalised);
  if (Number.isNaN(time.getTime())) throw new AlertPayloadError(`${field}: "${value}" is not a timestamp`);
  return plausible(time, field, receivedAt);
}

export function parseEpoch(value: number, unit: "s" | "ms", field: string, receivedAt: Date): Date {
  return plausible(new Date(unit === "s" ? value * 1000 : value), field, receivedAt);
}

/**
 * A sender's time as Firebreak records it. Before 2000 or further ahead of the receipt than clocks
 * drift is a mistake, refused with the field named; a little ahead is clock skew, and an alert
 * cannot have started after it arrived, so it is read as the receipt time.
 */
function plausible(time: Date, field: string, receivedAt: Date): Date {
  if (time.getTime() < EARLIEST_PLAUSIBLE) throw new AlertPayloadError(`${field}: ${time.toISOString()} is not a plausible time for an alert`);
  if (time.getTime() > receivedAt.getTime() + CLOCK_SKEW_TOLERANCE_MS) {
    throw new AlertPayloadError(
      `${field}: ${time.toISOString()} is in the future, more than ${CLOCK_SKEW_TOLERANCE_MS / 60_000} minutes after the delivery arrived (${receivedAt.toISOString()}); check the sender's clock`,
    );
  }
  return time > receivedAt ? receivedAt : time;
}

/** Alertmanager and Grafana write "0001-01-01T00:00:00Z" for "no end yet". */
export function isZeroTime(value: string | undefined): boolean {
  return !value || value.startsWith("0001-01-01");
}

const isHttpLink = <T>(candidate: [string | undefined | null, T]): candidate is [string, T] =>
  typeof candidate[0] === "string" && /^https?:\/\//.test(candidate[0]);

/** Links Firebreak names by their kind (the page translates the name); candidates without an http(s) address are left out. */
export function links(...candidates: [string | undefined | null, TAlertLinkKind][]): TAlertLink[] {
  return candidates.filter(isHttpLink).map(([href, kind]) => ({ href, text: ALERT_LINK_NAMES[kind], kind }));
}

/** Links as the sender named them; candidates without an http(s) address are left out. */
export function senderLinks(...candidates: [string | undefined | null, string][]): TAlertLink[] {
  return candidates.filter(isHttpLink).map(([href, text]) => ({ href, text }));
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Flat string labels from a record of anything, for display and matching. */
export function stringLabels(record: Record<string, unknown> | undefined | null): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(record ?? {})) {
    if (value === null || value === undefined) continue;
    labels[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return labels;
}
