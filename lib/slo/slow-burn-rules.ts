// Slow burns: ticket-level burn-rate alerts (lib/slo/burn-rate-alerts.ts) as the sprint review lists
// them. Pure: the episode's times come in, what the review says about them comes out.

/** The SLO and long window a burn-rate alert is about, from its dedup key `slo:<sloId>:<longWindowMs>`; null for any other key. */
export function burnAlertKey(dedupKey: string): { sloId: string; longWindowMs: number } | null {
  const match = /^slo:(.+):(\d+)$/.exec(dedupKey);
  if (!match) return null;
  const longWindowMs = Number(match[2]);
  return Number.isSafeInteger(longWindowMs) && longWindowMs > 0 ? { sloId: match[1] as string, longWindowMs } : null;
}

export type TBurnEpisode = {
  startsAt: Date;
  /** null while the alert is still firing */
  endsAt: Date | null;
  acknowledgedAt: Date | null;
  /** the incident the alert joined, if any */
  incident: { acknowledgedAt: Date | null } | null;
};

/**
 * What the review shows of one firing episode in a sprint ending at `sprintEnd`: its duration (start to
 * end, or to the sprint's end while it still fires, as for incidents), whether it was still firing when
 * the sprint ended, and when and how fast someone acknowledged it. Acknowledging an incident acknowledges
 * its alerts, but an alert that joined an incident someone had already acknowledged keeps no time of its
 * own: the people on that incident had it from the moment it joined, so it counts as acknowledged at once.
 */
export function burnEpisodeTimes(episode: TBurnEpisode, sprintEnd: Date) {
  const acknowledgedAt = episode.acknowledgedAt ?? episode.incident?.acknowledgedAt ?? null;
  return {
    durationMs: Math.max(0, (episode.endsAt ?? sprintEnd).getTime() - episode.startsAt.getTime()),
    firingAtEnd: episode.endsAt === null || episode.endsAt > sprintEnd,
    acknowledgedAt,
    acknowledgeMs: acknowledgedAt ? Math.max(0, acknowledgedAt.getTime() - episode.startsAt.getTime()) : null,
  };
}
