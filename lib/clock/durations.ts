/** A short human duration such as "2 h 05 m" or "45 m"; under a minute is "< 1 m". */
export function formatDuration(milliseconds: number): string {
  const totalMinutes = Math.floor(Math.max(0, milliseconds) / 60_000);
  if (totalMinutes < 1) return "< 1 m";
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} m`;
  return `${minutes} m`;
}

const JAPANESE_UNITS: Record<string, string> = { d: "日", h: "時間", m: "分" };

/** formatDuration in the reader's language: "2 時間 05 分", "1 分未満" in Japanese. */
export function formatDurationIn(locale: string, milliseconds: number): string {
  const english = formatDuration(milliseconds);
  if (locale !== "ja") return english;
  if (english === "< 1 m") return "1 分未満";
  return english.replace(/ (d|h|m)\b/g, (_unit, letter: string) => ` ${JAPANESE_UNITS[letter]}`);
}

/** A window length in its largest whole unit: "5 m", "6 h", "3 d" (for round windows such as burn-rate windows). */
export function formatWindow(milliseconds: number): string {
  const minutes = Math.round(milliseconds / 60_000);
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} m`;
}

// Instants are formatted in format-time; kept importable from here for the exports written before it.
export { formatUtcMinute } from "./format-time";
