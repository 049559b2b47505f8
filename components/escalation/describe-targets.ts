import type { TStepTarget } from "@/lib/escalation/schema";
import type { TTranslate } from "@/lib/i18n/translate";

/** A step's targets in words: schedules and people by name, team channels as such (names by id). */
export function describeTargets(targets: TStepTarget[], names: Map<string, string>, t: TTranslate): string {
  return targets
    .map((target) =>
      target.kind === "user"
        ? (names.get(target.userId) ?? target.userId)
        : target.kind === "team_channel"
          ? t("timeline.escalation_team_channel", { team: names.get(target.teamId) ?? target.teamId })
          : t("escalation.onCallOf", { schedule: names.get(target.scheduleId) ?? target.scheduleId }),
    )
    .join(", ");
}
