import { z } from "zod";
import { unprocessable } from "@/lib/errors";

const DAY = 24 * 60 * 60_000;
const MAX_DAYS = 366;
/** The longest "last N weeks" review; SLI minutes are kept at least this far back, plus a window (lib/slo/sli-horizon.ts). */
export const MAX_REVIEW_WEEKS = 8;

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2026-11-10");

const ZSprintRangeFields = z
  .object({
    from: ZDate.optional(),
    to: ZDate.optional(),
    weeks: z.coerce.number().int().min(1, `must be 1 to ${MAX_REVIEW_WEEKS}`).max(MAX_REVIEW_WEEKS, `must be 1 to ${MAX_REVIEW_WEEKS}`).optional(),
  })
  .strict();
const fromAndToTogether = (query: { from?: string; to?: string }) => (query.from === undefined) === (query.to === undefined);
const fromWithoutTo = { message: "give both from and to, or neither", path: ["from"] };

/** The sprint to review: explicit UTC dates (the end date inclusive), or the last N weeks up to now. The review page's query. */
export const ZSprintReviewRange = ZSprintRangeFields.refine(fromAndToTogether, fromWithoutTo);

/** The sprint to review and how to export it: the review API's query. */
export const ZSprintReviewQuery = ZSprintRangeFields.extend({
  /** the instant the review is computed as of (never later than now): the page's export links carry it, so a download shows what the page showed */
  at: z.iso.datetime({ offset: true, message: "must be an ISO 8601 instant such as 2026-12-02T10:00:00Z" }).optional(),
  format: z.enum(["json", "markdown", "csv"]).default("json"),
  /** which table a CSV holds: one row per SLO, or one per slow burn */
  table: z.enum(["slos", "slow-burns"]).default("slos"),
  lang: z.enum(["en", "ja"]).optional(),
})
  .strict()
  .refine(fromAndToTogether, fromWithoutTo);
export type TSprintReviewQuery = z.infer<typeof ZSprintReviewQuery>;

/** [from, to) of the sprint; an end date of today ends now, so the review never reaches into the future. */
export function sprintRange(query: Pick<TSprintReviewQuery, "from" | "to" | "weeks">, now: Date): { from: Date; to: Date } {
  if (query.from && query.to) {
    const from = new Date(`${query.from}T00:00:00Z`);
    const to = new Date(Math.min(new Date(`${query.to}T00:00:00Z`).getTime() + DAY, now.getTime()));
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw unprocessable("errors.review.invalidDates");
    if (from >= to) throw unprocessable("errors.review.fromAfterTo");
    if (to.getTime() - from.getTime() > MAX_DAYS * DAY) throw unprocessable("errors.review.tooLong", { days: MAX_DAYS });
    return { from, to };
  }
  return { from: new Date(now.getTime() - (query.weeks ?? 2) * 7 * DAY), to: now };
}

/** The instant a review is computed as of: the one asked for, but never in the future. */
export const reviewInstant = (at: string | undefined, now: Date) => (at ? new Date(Math.min(new Date(at).getTime(), now.getTime())) : now);

/** The inclusive UTC dates of a range, for date inputs. */
export function rangeDates(range: { from: Date; to: Date }): { from: string; to: string } {
  return { from: range.from.toISOString().slice(0, 10), to: new Date(range.to.getTime() - 1).toISOString().slice(0, 10) };
}
