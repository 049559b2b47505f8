import type { AlertLevel } from "@/lib/generated/prisma/enums";

const LEVEL_WORDS: Record<AlertLevel, readonly string[]> = {
  critical: ["critical", "crit", "page", "fatal", "emergency", "alert", "disaster", "p1", "sev1"],
  error: ["error", "err", "high", "major", "p2", "sev2"],
  warning: ["warning", "warn", "medium", "minor", "average", "p3", "sev3"],
  info: ["info", "informational", "information", "low", "notice", "none", "p4", "p5", "sev4"],
};

/** A source's own severity word normalised to a level; null when it is not one we know. */
export function levelFromWord(word: string | undefined | null): AlertLevel | null {
  const normalised = word?.trim().toLowerCase();
  if (!normalised) return null;
  for (const level of Object.keys(LEVEL_WORDS) as AlertLevel[]) {
    if (LEVEL_WORDS[level].includes(normalised)) return level;
  }
  return null;
}
