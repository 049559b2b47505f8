import type { TStepTarget } from "@/lib/escalation/schema";
import type { TTranslate } from "@/lib/i18n/translate";

type TChoice = { id: string; name: string };

export type TPolicyFormValue = { name: string; description: string; repeatCount: number; steps: { delayMinutes: number; targets: TStepTarget[] }[] };

/** Slots shown for steps: the policy's own and two empty ones, so a step can be added without scripts. */
export const stepSlots = (steps: number) => Math.min(10, steps + 2);

/**
 * The policy form's fields: plain inputs in reading order, so it is filled in with the keyboard
 * alone (Tab, arrows in the lists). Each step's schedules, people and team channels are multiple choices.
 */
export function PolicyFields({
  t,
  users,
  schedules,
  teams,
  value,
  idPrefix,
}: {
  t: TTranslate;
  users: TChoice[];
  schedules: TChoice[];
  teams: TChoice[];
  value: TPolicyFormValue | null;
  idPrefix: string;
}) {
  const steps = value?.steps ?? [];
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <label htmlFor={id("name")}>{t("escalation.name")}</label>
      <input id={id("name")} name="name" required maxLength={100} defaultValue={value?.name ?? ""} />
      <label htmlFor={id("description")}>{t("escalation.description")}</label>
      <input id={id("description")} name="description" maxLength={2000} defaultValue={value?.description ?? ""} />
      <label htmlFor={id("repeatCount")}>{t("escalation.repeatCount")}</label>
      <input id={id("repeatCount")} name="repeatCount" type="number" min={0} max={9} required defaultValue={value?.repeatCount ?? 0} />
      <p className="muted small">{t("escalation.stepHint")}</p>
      {Array.from({ length: stepSlots(steps.length) }, (_, index) => {
        const step = steps[index];
        const chosen = (kind: TStepTarget["kind"]) =>
          step?.targets.flatMap((target) => (target.kind !== kind ? [] : target.kind === "user" ? [target.userId] : target.kind === "schedule" ? [target.scheduleId] : [target.teamId])) ?? [];
        const list = (name: string, choices: TChoice[], kind: TStepTarget["kind"]) => (
          <select id={id(`step-${index}-${name}`)} name={`step-${index}-${name}`} multiple size={Math.min(6, Math.max(2, choices.length))} defaultValue={chosen(kind)}>
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
        );
        return (
          <fieldset key={index} className="fields" data-testid={`step-${index + 1}`}>
            <legend>{t("escalation.step", { number: index + 1 })}</legend>
            <label htmlFor={id(`step-${index}-schedules`)}>{t("escalation.schedules")}</label>
            {list("schedules", schedules, "schedule")}
            <label htmlFor={id(`step-${index}-users`)}>{t("escalation.users")}</label>
            {list("users", users, "user")}
            <label htmlFor={id(`step-${index}-teams`)}>{t("escalation.teamChannels")}</label>
            {list("teams", teams, "team_channel")}
            <label htmlFor={id(`step-${index}-delay`)}>{t("escalation.delay")}</label>
            <input id={id(`step-${index}-delay`)} name={`step-${index}-delay`} type="number" min={1} max={1440} defaultValue={step?.delayMinutes ?? 5} />
          </fieldset>
        );
      })}
    </>
  );
}
