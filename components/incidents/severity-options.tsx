import type { TTranslate } from "@/lib/i18n/translate";
import { SEVERITIES } from "@/lib/incidents/rules";

/** The options of a severity select: "SEV2 · Major", the meaning's first word as a reminder. */
export function SeverityOptions({ t }: { t: TTranslate }) {
  return SEVERITIES.map((severity) => (
    <option key={severity} value={severity}>
      {severity} · {t(`severity.${severity}.meaning`).split(":")[0]}
    </option>
  ));
}
