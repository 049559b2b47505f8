import type { TStepTarget } from "@/lib/escalation/schema";
import type { TTranslate } from "@/lib/i18n/translate";

export type TPolicyFormValue = { name: string; description: string; repeatCount: number; steps: { delayMinutes: number; targets: TStepTarget[] }[] };

/** Slots shown for steps: the policy's own and two empty ones, so a step can be added without scripts. */
export const stepSlots = (steps: number) => Math.min(10, steps + 2);

/**
 * The policy form's fields: plain inputs in reading order, so it is filled in with the keyboard
 * alone (Tab, arrows in the people list, Space on checkboxes). Each step's people are a multiple
 * choice; team channels are team ids.
 */
export function PolicyFields({ t, users, value, idPrefix }: { t: TTranslate; users: { id: string; name: string }[]; value: TPolicyFormValue | null; idPrefix: string }) {
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
        const chosen = new Set(step?.targets.flatMap((target) => (target.kind === "user" ? [target.userId] : [])) ?? []);
        const teams = step?.targets.flatMap((target) => (target.kind === "team_channel" ? [target.teamId] : [])) ?? [];
        return (
          <fieldset key={index} className="fields" data-testid={`step-${index + 1}`}>
            <legend>{t("escalation.step", { number: index + 1 })}</legend>
            <label htmlFor={id(`step-${index}-users`)}>{t("escalation.users")}</label>
            <select id={id(`step-${index}-users`)} name={`step-${index}-users`} multiple size={Math.min(6, Math.max(2, users.length))} defaultValue={[...chosen]}>
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </select>
            <label htmlFor={id(`step-${index}-teams`)}>{t("escalation.teamChannels")}</label>
            <input id={id(`step-${index}-teams`)} name={`step-${index}-teams`} defaultValue={teams.join(", ")} />
            <label htmlFor={id(`step-${index}-delay`)}>{t("escalation.delay")}</label>
            <input id={id(`step-${index}-delay`)} name={`step-${index}-delay`} type="number" min={1} max={1440} defaultValue={step?.delayMinutes ?? 5} />
          </fieldset>
        );
      })}
    </>
  );
}
