import { IncidentActionForm } from "@/components/incidents/incident-action-form";
import { SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import type { TActionState } from "@/lib/http/action-state";
import type { TTranslate } from "@/lib/i18n/translate";
import type { TTimelineEntryView } from "@/lib/incidents/queries";

type TDetail = Record<string, string | undefined>;

/** What an entry says happened, in the viewer's language (after the actor's name). */
export function describeTimelineEntry(entry: Pick<TTimelineEntryView, "kind" | "detail" | "body">, t: TTranslate, locale: string): string {
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
    case "alert_attached":
      return t("timeline.alert_attached", { integration: detail.integration ?? "", title: detail.title ?? entry.body });
    case "alert_refired":
      return t("timeline.alert_refired", { title: detail.title ?? entry.body });
    case "alert_resolved":
      return t("timeline.alert_resolved", { title: detail.title ?? entry.body });
    case "checklist_item_checked": {
      const item = (locale === "ja" ? detail.textJa : detail.textEn) ?? "";
      return t((entry.detail as { done?: boolean } | null)?.done ? "timeline.checklist_item_checked" : "timeline.checklist_item_unchecked", { item });
    }
    case "stakeholder_update":
      return t("timeline.stakeholder_update", { status: t(`status.${detail.status}` as Parameters<TTranslate>[0]) });
    case "role_acknowledged":
      return t("timeline.role_acknowledged", { role });
    case "slo_impact_changed":
      return detail.impact
        ? t("timeline.slo_impact_recorded", { slo: detail.slo ?? "", impact: t(`slo.impact.${detail.impact}` as Parameters<TTranslate>[0]) })
        : t("timeline.slo_impact_removed", { slo: detail.slo ?? "" });
    case "key_event_marked":
      return t((entry.detail as { keyEvent?: boolean } | null)?.keyEvent ? "timeline.key_event_marked" : "timeline.key_event_unmarked");
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
