import type { IncidentStatus, Severity } from "@/lib/generated/prisma/enums";
import type { TTranslate } from "@/lib/i18n/translate";

export function SeverityBadge({ severity, t }: { severity: Severity; t: TTranslate }) {
  return (
    <span className={`badge sev-${severity}`} title={t(`severity.${severity}.meaning`)}>
      {t(`severity.${severity}`)}
    </span>
  );
}

export function StatusBadge({ status, t }: { status: IncidentStatus; t: TTranslate }) {
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}
