// How instants read everywhere a person sees one: the page (in the reader's zone, always labelled),
// and text that leaves the browser (exports, messages: UTC, labelled). Every component formats
// times through here, so "20:14 JST" means the same thing on every page.

/** Locales whose CLDR data name a zone's usual abbreviation (JST, CEST, EDT, BST, IST, AEST…); tried in order. */
const ABBREVIATION_LOCALES = ["en-US", "en-GB", "ja-JP", "en-IN", "en-AU", "en-CA", "en-NZ", "en-IE"];

// An offset form ("GMT+9", "UTC+05:30") is what Intl gives where a locale has no abbreviation.
const OFFSET_NAME = /^(GMT|UTC)[+−-]/;

const abbreviations = new Map<string, string>();

/**
 * The label a reader knows the zone by at `at`: its usual abbreviation where one exists ("JST",
 * "CEST", "EDT"), otherwise the offset ("GMT+9"); "UTC" for UTC. Summer and winter names differ,
 * so the label belongs to the instant, not only to the zone.
 */
export function zoneLabel(at: Date, timeZone: string): string {
  const offset = zoneOffsetMinutes(at, timeZone);
  const key = `${timeZone}@${offset}`;
  const known = abbreviations.get(key);
  if (known) return known;
  const nameIn = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? "";
  const abbreviation = ABBREVIATION_LOCALES.map(nameIn).find((name) => /^[A-Z]{2,5}$/.test(name) && !OFFSET_NAME.test(name));
  const label = abbreviation ?? (offset === 0 ? "UTC" : nameIn("en-GB").replace("UTC", "GMT"));
  abbreviations.set(key, label);
  return label;
}

/** Minutes the zone's wall clock is ahead of UTC at `at` (540 in Tokyo). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const wall = wallClock(at, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

function wallClock(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23" })
      .formatToParts(at)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<"year" | "month" | "day" | "hour" | "minute", number>;
  return parts;
}

const sameDay = (a: ReturnType<typeof wallClock>, b: ReturnType<typeof wallClock>) => a.year === b.year && a.month === b.month && a.day === b.day;

export type TTimeContext = {
  locale: string;
  /** the reader's IANA zone */
  timeZone: string;
  /** what "today" is measured from: the instant the page was made */
  now: Date;
};

/** The date part only: "Dec 5" ("12月5日"), with the year when it is not this year's. */
export function formatDay(at: Date, { locale, timeZone, now }: TTimeContext): string {
  const withYear = wallClock(at, timeZone).year !== wallClock(now, timeZone).year;
  return new Intl.DateTimeFormat(locale, { timeZone, month: "short", day: "numeric", ...(withYear ? { year: "numeric" } : {}) }).format(at);
}

/**
 * An instant as a responder reads it, always with its zone: "20:14 JST" today, "Dec 3, 20:14 JST"
 * another day, "Dec 3, 2025, 20:14 JST" another year ("12月3日 20:14 JST" in Japanese). Clocks are
 * 24-hour in both languages, as operations teams write them. `dated` shows the date today too (the
 * ends of a range).
 */
export function formatInstant(at: Date, context: TTimeContext, { dated = false }: { dated?: boolean } = {}): string {
  const { locale, timeZone, now } = context;
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  const clock = `${time} ${zoneLabel(at, timeZone)}`;
  if (!dated && sameDay(wallClock(at, timeZone), wallClock(now, timeZone))) return clock;
  return locale === "ja" ? `${formatDay(at, context)} ${clock}` : `${formatDay(at, context)}, ${clock}`;
}

/** An instant to the minute in UTC, for text that leaves the browser (exports, messages) and for hover titles: "2026-11-24 10:02 UTC". */
export const formatUtcMinute = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** A day in UTC for exports: "2026-12-05 (UTC)". */
export const formatUtcDay = (date: Date) => `${date.toISOString().slice(0, 10)} (UTC)`;

/**
 * Axis ticks for a time series: the first instant of each day in `timeZone` (one tick per day, so no
 * date repeats), every n-th day so that at most `maxTicks` remain.
 */
export function dayTicks(times: number[], timeZone: string, maxTicks: number): number[] {
  const firsts: number[] = [];
  let previous: ReturnType<typeof wallClock> | null = null;
  for (const time of [...times].sort((a, b) => a - b)) {
    const wall = wallClock(new Date(time), timeZone);
    if (!previous || !sameDay(previous, wall)) firsts.push(time);
    previous = wall;
  }
  const step = Math.max(1, Math.ceil(firsts.length / Math.max(1, maxTicks)));
  return firsts.filter((_time, index) => index % step === 0);
}
