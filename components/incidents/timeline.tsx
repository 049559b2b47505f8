import { IncidentActionForm } from "@/components/incidents/incident-action-form";
import { SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import type { TActionState } from "@/lib/http/action-state";
import type { TTranslate } from "@/lib/i18n/translate";
import type { TTimelineEntryView } from "@/lib/incidents/queries";
import { describeTimelineEntry } from "@/lib/timeline/describe";

export function IncidentTimeline({
  entries,
  incidentId,
  viewerId,
  canEdit,
  locale,
  t,
  editNoteAction,
  markKeyEventAction,
}: {
  entries: TTimelineEntryView[];
  incidentId: string;
  viewerId: string;
  canEdit: boolean;
  locale: string;
  t: TTranslate;
  editNoteAction: (previous: TActionState, formData: FormData) => Promise<TActionState>;
  markKeyEventAction: (previous: TActionState, formData: FormData) => Promise<TActionState>;
}) {
  if (entries.length === 0) return <p className="empty">{t("timeline.empty")}</p>;
  const renderEntry = (entry: TTimelineEntryView) => (
    <li key={entry.id.toString()} className={`kind-${entry.kind}${entry.keyEvent ? " key-event" : ""}`} data-kind={entry.kind} data-key-event={entry.keyEvent}>
      <div className="entry-head">
        <LocalTime iso={entry.occurredAt.toISOString()} locale={locale} /> · <strong>{entry.actor.name}</strong> {describeTimelineEntry(entry, t, locale)}
        {entry.editedAt ? <span className="muted"> · {t("room.edited")}</span> : null}
        {entry.keyEvent ? <span className="badge key-event-badge"> {t("room.keyEvent")}</span> : null}
        {canEdit && entry.kind !== "key_event_marked" ? (
          <IncidentActionForm
            incidentId={incidentId}
            action={markKeyEventAction}
            className="inline entry-action"
            label={t(entry.keyEvent ? "room.unmarkKeyEvent" : "room.markKeyEvent")}
          >
            <input type="hidden" name="entryId" value={entry.id.toString()} />
            <input type="hidden" name="keyEvent" value={entry.keyEvent ? "false" : "true"} />
            <SubmitButton small>{t(entry.keyEvent ? "room.unmarkKeyEvent" : "room.markKeyEvent")}</SubmitButton>
          </IncidentActionForm>
        ) : null}
      </div>
      {entry.body && (entry.kind === "note" || entry.kind === "declared" || entry.kind === "stakeholder_update") ? (
        <div className="entry-body">{entry.body}</div>
      ) : null}
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
          <IncidentActionForm incidentId={incidentId} action={editNoteAction} label={t("room.edit")}>
            <input type="hidden" name="entryId" value={entry.id.toString()} />
            <textarea name="body" defaultValue={entry.body} required maxLength={10000} aria-label={t("room.edit")} />
            <div>
              <SubmitButton small>{t("common.save")}</SubmitButton>
            </div>
          </IncidentActionForm>
        </details>
      ) : null}
    </li>
  );
  return (
    <ol className="timeline" data-testid="timeline">
      {groupAlertStorms(entries).map((group) =>
        group.length > ALERT_RUN_SHOWN_IN_FULL ? (
          <li key={`storm-${group[0]?.id}`} className="kind-alert_attached" data-kind="alert-storm">
            <details>
              <summary>
                <LocalTime iso={(group[0] as TTimelineEntryView).occurredAt.toISOString()} locale={locale} /> ·{" "}
                {t("timeline.alertsCollapsed", { count: group.length })}
              </summary>
              <ol className="timeline">{group.map(renderEntry)}</ol>
            </details>
          </li>
        ) : (
          group.map(renderEntry)
        ),
      )}
    </ol>
  );
}

// During an alert storm, more than this many alert events in a row fold into one line.
const ALERT_RUN_SHOWN_IN_FULL = 3;
const isAlertEvent = (entry: TTimelineEntryView) => entry.kind.startsWith("alert_");

/** Consecutive alert events form one group; every other entry is a group of its own. */
function groupAlertStorms(entries: TTimelineEntryView[]): TTimelineEntryView[][] {
  const groups: TTimelineEntryView[][] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (last && isAlertEvent(entry) && last.every(isAlertEvent)) last.push(entry);
    else groups.push([entry]);
  }
  return groups;
}
