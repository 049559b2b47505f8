import type { TStepTarget } from "@/lib/escalation/schema";
import type { TTranslate } from "@/lib/i18n/translate";

/** A step's targets in words: people by name, team channels as such. */
export function describeTargets(targets: TStepTarget[], userNames: Map<string, string>, t: TTranslate): string {
  return targets
    .map((target) =>
      target.kind === "user"
        ? (userNames.get(target.userId) ?? target.userId)
        : target.kind === "team_channel"
          ? t("timeline.escalation_team_channel", { team: target.teamId })
          : target.scheduleId,
    )
    .join(", ");
}
