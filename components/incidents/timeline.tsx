import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import type { TActionState } from "@/lib/http/action-state";
import type { TTranslate } from "@/lib/i18n/translate";
import type { TTimelineEntryView } from "@/lib/incidents/queries";

type TDetail = Record<string, string | undefined>;

function describe(entry: TTimelineEntryView, t: TTranslate): string {
  const detail = (entry.detail ?? {}) as TDetail;
  const role = detail.role ? t(`role.${detail.role}` as Parameters<TTranslate>[0]) : "";
  switch (entry.kind) {
    case "declared":
      return t("timeline.declared", { severity: detail.severity ?? "" });
    case "status_changed":
      return t("timeline.status_changed", {
        from: t(`status.${detail.from}` as Parameters<TTranslate>[0]),
        to: t(`status.${detail.to}` as Parameters<TTranslate>[0]),
      });
    case "severity_changed":
      return t("timeline.severity_changed", { from: detail.from ?? "", to: detail.to ?? "" });
    case "title_changed":
      return t("timeline.title_changed", { to: detail.to ?? "" });
    case "services_changed": {
      const names = (entry.detail as { to?: string[] } | null)?.to ?? [];
      return t("timeline.services_changed", { to: names.length > 0 ? names.join(", ") : "—" });
    }
    case "role_assigned":
      return t("timeline.role_assigned", { role, to: detail.toName ?? "" });
    case "role_handed_off":
      return t("timeline.role_handed_off", { role, from: detail.fromName ?? "", to: detail.toName ?? "" });
    case "role_released":
      return t("timeline.role_released", { role, from: detail.fromName ?? "" });
    default:
      return t(`timeline.${entry.kind}`);
  }
}

export function IncidentTimeline({
  entries,
  incidentId,
  viewerId,
  canEdit,
  locale,
  t,
  editNoteAction,
}: {
  entries: TTimelineEntryView[];
  incidentId: string;
  viewerId: string;
  canEdit: boolean;
  locale: string;
  t: TTranslate;
  editNoteAction: (previous: TActionState, formData: FormData) => Promise<TActionState>;
}) {
  if (entries.length === 0) return <p className="empty">{t("timeline.empty")}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((entry) => (
        <li key={entry.id.toString()} className={`kind-${entry.kind}`} data-kind={entry.kind}>
          <div className="entry-head">
            <LocalTime iso={entry.occurredAt.toISOString()} locale={locale} /> · <strong>{entry.actor.name}</strong> {describe(entry, t)}
            {entry.editedAt ? <span className="muted"> · {t("room.edited")}</span> : null}
          </div>
          {entry.body && entry.kind !== "summary_edited" ? <div className="entry-body">{entry.body}</div> : null}
          {entry.revisions.length > 0 ? (
            <details>
              <summary>{t("room.history")}</summary>
              <ul>
                {entry.revisions.map((revision) => (
                  <li key={revision.supersededAt.toISOString()} className="small">
                    <span className="muted">
                      <LocalTime iso={revision.supersededAt.toISOString()} locale={locale} /> · {revision.editedBy.name}:
                    </span>{" "}
                    {revision.body}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {canEdit && entry.kind === "note" && entry.actor.id === viewerId ? (
            <details>
              <summary>{t("room.edit")}</summary>
              <ActionForm action={editNoteAction} label={t("room.edit")}>
                <input type="hidden" name="incidentId" value={incidentId} />
                <input type="hidden" name="entryId" value={entry.id.toString()} />
                <textarea name="body" defaultValue={entry.body} required maxLength={10000} aria-label={t("room.edit")} />
                <div>
                  <SubmitButton small>{t("common.save")}</SubmitButton>
                </div>
              </ActionForm>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
