import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { INCIDENT_STATUSES } from "./rules";
import type { TTranslate } from "@/lib/i18n/translate";

/** Each incident status's name in the viewer's language, for client components that show statuses. */
export function statusLabels(t: TTranslate): Record<IncidentStatus, string> {
  return Object.fromEntries(INCIDENT_STATUSES.map((status) => [status, t(`status.${status}`)])) as Record<IncidentStatus, string>;
}
