/** A duration's parts: whole days and hours, or hours and minutes, or minutes (0 minutes means under one). */
function durationParts(milliseconds: number) {
  const totalMinutes = Math.floor(Math.max(0, milliseconds) / 60_000);
  return { days: Math.floor(totalMinutes / 1440), hours: Math.floor((totalMinutes % 1440) / 60), minutes: totalMinutes % 60, totalMinutes };
}

/** How each language writes a duration's parts: Japanese puts the units right after the figures, unpadded, and leaves out a zero part. */
const DURATION_WORDS = {
  en: {
    units: { d: " d", h: " h", m: " m" },
    underMinute: "< 1 m",
    minutes: (m: number) => `${m} m`,
    hoursMinutes: (h: number, m: number) => `${h} h ${String(m).padStart(2, "0")} m`,
    daysHours: (d: number, h: number) => `${d} d ${h} h`,
  },
  ja: {
    units: { d: "日", h: "時間", m: "分" },
    underMinute: "1分未満",
    minutes: (m: number) => `${m}分`,
    hoursMinutes: (h: number, m: number) => (m === 0 ? `${h}時間` : `${h}時間${m}分`),
    daysHours: (d: number, h: number) => (h === 0 ? `${d}日` : `${d}日${h}時間`),
  },
};

const wordsFor = (locale: string) => DURATION_WORDS[locale === "ja" ? "ja" : "en"];

/** A short human duration in the reader's language: "2 h 05 m", "45 m", "< 1 m"; "2時間5分", "45分", "1分未満". */
export function formatDurationIn(locale: string, milliseconds: number): string {
  const words = wordsFor(locale);
  const { days, hours, minutes, totalMinutes } = durationParts(milliseconds);
  if (totalMinutes < 1) return words.underMinute;
  if (days > 0) return words.daysHours(days, hours);
  if (hours > 0) return words.hoursMinutes(hours, minutes);
  return words.minutes(minutes);
}

/** formatDurationIn English: the API, alert texts and anything not written for one reader. */
export const formatDuration = (milliseconds: number) => formatDurationIn("en", milliseconds);

/** A window length in its largest whole unit: "5 m", "6 h", "3 d" (for round windows such as burn-rate windows). */
export function formatWindow(milliseconds: number): string {
  return formatWindowIn("en", milliseconds);
}

/** formatWindow in the reader's language: "5分", "1時間", "3日" in Japanese. */
export function formatWindowIn(locale: string, milliseconds: number): string {
  const minutes = Math.round(milliseconds / 60_000);
  const [count, unit] =
    minutes % 1440 === 0 ? ([minutes / 1440, "d"] as const) : minutes % 60 === 0 ? ([minutes / 60, "h"] as const) : ([minutes, "m"] as const);
  return `${count}${wordsFor(locale).units[unit]}`;
}

// Instants are formatted in format-time; kept importable from here for the exports written before it.
export { formatUtcMinute } from "./format-time";
