"use client";

import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { LocalTime } from "@/components/ui/local-time";
import type { TActionState } from "@/lib/http/action-state";
import { FEED_FILTERS, feedFilterKeeps, type TFeedFilter } from "@/lib/incidents/feed-filters";
import type { TFeedItem } from "@/lib/incidents/feed";
import { useRoomLive } from "./room-live";

export type TFeedLabels = {
  title: string;
  noteLabel: string;
  notePlaceholder: string;
  noteShortcut: string;
  addNote: string;
  sending: string;
  empty: string;
  loadOlder: string;
  newestFirst: string;
  oldestFirst: string;
  filter: string;
  filters: Record<TFeedFilter, string>;
  keyEvent: string;
  markKeyEvent: string;
  unmarkKeyEvent: string;
  markKeyEventOf: string;
  unmarkKeyEventOf: string;
  edited: string;
  history: string;
  edit: string;
  save: string;
  alertsCollapsed: string;
  /** what a note's line says beside its author ("noted") */
  noted: string;
};

type TShownItem = TFeedItem & { pending?: boolean; localId?: string };

// During an alert storm, more than this many alert events in a row fold into one line.
const ALERT_RUN_SHOWN_IN_FULL = 3;
const isAlertEvent = (entry: TShownItem) => entry.kind.startsWith("alert_");

/** Consecutive alert events form one group; every other entry is a group of its own. */
function groupAlertStorms(entries: TShownItem[]): TShownItem[][] {
  const groups: TShownItem[][] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (last && isAlertEvent(entry) && last.every(isAlertEvent)) last.push(entry);
    else groups.push([entry]);
  }
  return groups;
}

const byIdDescending = (a: TFeedItem, b: TFeedItem) => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0);

/** Entries merged by id (the newer copy wins), newest first. */
function merge(shown: TFeedItem[], incoming: TFeedItem[]): TFeedItem[] {
  const byId = new Map(shown.map((entry) => [entry.id, entry]));
  for (const entry of incoming) byId.set(entry.id, entry);
  return [...byId.values()].sort(byIdDescending);
}

/** A short name for an entry, for the buttons that act on it ("Mark as key event: Ben Carter: Rolled back…"). */
const entryName = (entry: TFeedItem) => {
  const what = entry.body ?? entry.text;
  return `${entry.actor.name}: ${what.length > 60 ? `${what.slice(0, 60)}…` : what}`;
};

/**
 * The room's activity feed: the composer on top (it stays in view while the feed scrolls), newest
 * entries first (or oldest, by choice), filters, and older entries a page at a time. Entries that
 * arrive live are fetched alone, described in the viewer's language; a note shows at once for its
 * author and is replaced by the stored entry when it comes back.
 */
export function ActivityFeed({
  incidentId,
  initial,
  viewer,
  canEdit,
  locale,
  labels,
  postNote,
  editNote,
  markKeyEvent,
}: {
  incidentId: string;
  initial: { entries: TFeedItem[]; more: boolean };
  viewer: { id: string; name: string };
  canEdit: boolean;
  locale: string;
  labels: TFeedLabels;
  postNote: (incidentId: string, body: string) => Promise<TActionState & { entryId?: string }>;
  editNote: (incidentId: string, entryId: string, body: string) => Promise<TActionState>;
  markKeyEvent: (incidentId: string, entryId: string, keyEvent: boolean) => Promise<TActionState>;
}) {
  const room = useRoomLive();
  const [entries, setEntries] = useState<TFeedItem[]>(initial.entries);
  const [more, setMore] = useState(initial.more);
  const [filter, setFilter] = useState<TFeedFilter>("all");
  const [newestFirst, setNewestFirst] = useState(true);
  const [drafts, setDrafts] = useState<TShownItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, startLoading] = useTransition();
  const note = useRef<HTMLTextAreaElement>(null);
  const newestId = useRef(initial.entries[0]?.id ?? "0");
  // The filter the next fetch uses: set with the state, read by fetches started from live events.
  const filterRef = useRef<TFeedFilter>("all");

  const fetchFeed = useCallback(
    async (query: Record<string, string>) => {
      const response = await fetch(`/api/incidents/${incidentId}/feed?${new URLSearchParams({ filter: filterRef.current, ...query })}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`feed: ${response.status}`);
      return (await response.json()) as { entries: TFeedItem[]; more: boolean };
    },
    [incidentId],
  );

  // What is new since the newest entry known: fetched once per burst of live entries.
  const catchingUp = useRef<Promise<void> | null>(null);
  const catchUp = useCallback(async () => {
    while (catchingUp.current) await catchingUp.current;
    catchingUp.current = (async () => {
      const page = await fetchFeed({ after: newestId.current }).catch(() => null);
      if (!page || page.entries.length === 0) return;
      newestId.current = page.entries[0]?.id ?? newestId.current;
      setEntries((shown) => merge(shown, page.entries));
      setDrafts((waiting) => waiting.filter((draft) => !page.entries.some((entry) => entry.id === draft.id)));
    })();
    await catchingUp.current;
    catchingUp.current = null;
  }, [fetchFeed]);

  useEffect(
    () =>
      room.onEntry((entry) => {
        if (entry.kind === "key_event_marked" && entry.detail) {
          const { entryId, keyEvent } = entry.detail as { entryId: string; keyEvent: boolean };
          setEntries((shown) => shown.map((item) => (item.id === entryId ? { ...item, keyEvent } : item)));
        }
        // A new note carries all its line shows: it appears at once; the catch-up below still reads
        // every entry since the newest known, so nothing streamed out of order is skipped.
        if (entry.kind === "note" && !entry.edited) {
          const streamed: TFeedItem = {
            id: entry.id,
            kind: entry.kind,
            occurredAt: entry.occurredAt,
            actor: { id: entry.actorId, name: entry.actor },
            text: labels.noted,
            body: entry.body,
            keyEvent: entry.keyEvent,
            edited: false,
            revisions: [],
          };
          setEntries((shown) => (shown.some((item) => item.id === streamed.id) ? shown : merge(shown, [streamed])));
          // The author's own note can stream in before its post has answered with the entry's id.
          if (entry.actorId === viewer.id) {
            setDrafts((waiting) => {
              const posted = waiting.findIndex((draft) => draft.id === draft.localId && draft.body === entry.body);
              return posted === -1 ? waiting : waiting.filter((_, index) => index !== posted);
            });
          }
        }
        void catchUp();
      }),
    [room, catchUp, labels.noted, viewer.id],
  );

  const changeFilter = (next: TFeedFilter) => {
    setFilter(next);
    filterRef.current = next;
    startLoading(async () => {
      const page = await fetchFeed({}).catch(() => null);
      // Answers can come back out of order when the filter is changed quickly: only the current filter's counts.
      if (!page || filterRef.current !== next) return;
      setEntries(page.entries);
      setMore(page.more);
      if (page.entries[0] && BigInt(page.entries[0].id) > BigInt(newestId.current)) newestId.current = page.entries[0].id;
    });
  };

  const loadOlder = () =>
    startLoading(async () => {
      const oldest = entries.at(-1);
      if (!oldest) return;
      const page = await fetchFeed({ before: oldest.id }).catch(() => null);
      if (!page) return;
      setEntries((shown) => merge(shown, page.entries));
      setMore(page.more);
    });

  const reread = async (entryId: string) => {
    const page = await fetchFeed({ from: entryId }).catch(() => null);
    if (page) setEntries((shown) => merge(shown, page.entries));
  };

  const submitNote = async () => {
    const body = note.current?.value.trim() ?? "";
    if (!body || !note.current) return;
    const localId = `draft-${Date.now()}-${Math.random()}`;
    const draft: TShownItem = {
      id: localId,
      localId,
      kind: "note",
      occurredAt: new Date().toISOString(),
      actor: viewer,
      text: "",
      body,
      keyEvent: false,
      edited: false,
      revisions: [],
      pending: true,
    };
    setError(null);
    setDrafts((waiting) => [draft, ...waiting]);
    note.current.value = "";
    const result = await postNote(incidentId, body);
    if (result?.error || !result?.entryId) {
      setDrafts((waiting) => waiting.filter((item) => item.localId !== localId));
      if (note.current && !note.current.value) note.current.value = body;
      setError(result?.error ?? null);
      return;
    }
    const entryId = result.entryId;
    // The draft now waits under the stored entry's id until the feed has that entry.
    setDrafts((waiting) => waiting.map((item) => (item.localId === localId ? { ...item, id: entryId } : item)));
    void catchUp();
  };

  const stored = new Set(entries.map((entry) => entry.id));
  const waiting = drafts.filter((draft) => !stored.has(draft.id) && feedFilterKeeps(filter, { kind: "note", keyEvent: false }));
  const newestFirstList: TShownItem[] = [...waiting, ...entries.filter((entry) => feedFilterKeeps(filter, entry))];
  const shown = newestFirst ? newestFirstList : [...newestFirstList].reverse();
  // The palette's "mark as a key event" goes to the newest entry not yet marked, whichever way the feed runs.
  const newestMarkable = newestFirstList.find((entry) => !entry.pending && !entry.keyEvent && entry.kind !== "key_event_marked")?.id;

  const renderEntry = (entry: TShownItem) => (
    <li
      key={entry.localId ?? entry.id}
      id={entry.pending ? undefined : `entry-${entry.id}`}
      className={`kind-${entry.kind}${entry.keyEvent ? " key-event" : ""}${entry.pending ? " pending" : ""}`}
      data-kind={entry.kind}
      data-key-event={entry.keyEvent}
      data-pending={entry.pending ? "true" : undefined}
    >
      <div className="entry-head">
        <LocalTime iso={entry.occurredAt} locale={locale} /> · <strong>{entry.actor.name}</strong> {entry.pending ? labels.sending : entry.text}
        {entry.edited ? <span className="muted"> · {labels.edited}</span> : null}
        {entry.keyEvent ? <span className="badge key-event-badge"> {labels.keyEvent}</span> : null}
        {canEdit && !entry.pending && entry.kind !== "key_event_marked" ? (
          <button
            type="button"
            className="small entry-action"
            data-palette-target={entry.id === newestMarkable ? "key-event" : undefined}
            aria-label={(entry.keyEvent ? labels.unmarkKeyEventOf : labels.markKeyEventOf).replace("{entry}", entryName(entry))}
            onClick={() => {
              const keyEvent = !entry.keyEvent;
              setEntries((current) => current.map((item) => (item.id === entry.id ? { ...item, keyEvent } : item)));
              void markKeyEvent(incidentId, entry.id, keyEvent).then((result) => {
                if (!result?.error) return;
                setError(result.error);
                setEntries((current) => current.map((item) => (item.id === entry.id ? { ...item, keyEvent: !keyEvent } : item)));
              });
            }}
          >
            {entry.keyEvent ? labels.unmarkKeyEvent : labels.markKeyEvent}
          </button>
        ) : null}
      </div>
      {entry.body ? <div className="entry-body">{entry.body}</div> : null}
      {entry.revisions.length > 0 ? (
        <details>
          <summary>{labels.history}</summary>
          <ul>
            {entry.revisions.map((revision) => (
              <li key={revision.supersededAt} className="small">
                <span className="muted">
                  <LocalTime iso={revision.supersededAt} locale={locale} /> · {revision.editedBy}:
                </span>{" "}
                {revision.body}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {canEdit && !entry.pending && entry.kind === "note" && entry.actor.id === viewer.id ? (
        <details>
          <summary>{labels.edit}</summary>
          <form
            className="fields"
            aria-label={`${labels.edit}: ${entryName(entry)}`}
            onSubmit={(event) => {
              event.preventDefault();
              const body = String(new FormData(event.currentTarget).get("body") ?? "");
              const details = event.currentTarget.closest("details");
              void editNote(incidentId, entry.id, body).then((result) => {
                if (result?.error) return setError(result.error);
                details?.removeAttribute("open");
                void reread(entry.id);
              });
            }}
          >
            <textarea name="body" defaultValue={entry.body ?? ""} required maxLength={10000} aria-label={labels.edit} />
            <div>
              <button type="submit" className="small">
                {labels.save}
              </button>
            </div>
          </form>
        </details>
      ) : null}
    </li>
  );

  return (
    <section className="panel feed" aria-labelledby="feed-title" data-testid="activity-feed">
      <div className="feed-composer" data-testid="composer">
        <h2 id="feed-title">{labels.title}</h2>
        {canEdit ? (
          <form
            aria-label={labels.noteLabel}
            onSubmit={(event) => {
              event.preventDefault();
              void submitNote();
            }}
          >
            <label className="field">
              <span className="visually-hidden">{labels.noteLabel}</span>
              <textarea
                id="note-box"
                data-palette-target="note"
                ref={note}
                name="body"
                required
                maxLength={10000}
                rows={2}
                aria-label={labels.noteLabel}
                aria-describedby="note-shortcut"
                placeholder={labels.notePlaceholder}
                onKeyDown={(event) => {
                  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
                    event.preventDefault();
                    void submitNote();
                  }
                }}
              />
            </label>
            <div className="feed-composer-row">
              <span id="note-shortcut" className="muted small">
                {labels.noteShortcut}
              </span>
              <button type="submit" className="primary">
                {labels.addNote}
              </button>
            </div>
            {error ? (
              <p role="alert" className="form-error">
                {error}
              </p>
            ) : null}
          </form>
        ) : null}
        <div className="feed-tools">
          <div role="group" aria-label={labels.filter} className="feed-filters">
            {FEED_FILTERS.map((option) => (
              <button key={option} type="button" className="small" aria-pressed={filter === option} onClick={() => changeFilter(option)}>
                {labels.filters[option]}
              </button>
            ))}
          </div>
          <button type="button" className="small" aria-pressed={!newestFirst} onClick={() => setNewestFirst((current) => !current)} data-testid="feed-order">
            {newestFirst ? labels.oldestFirst : labels.newestFirst}
          </button>
        </div>
      </div>
      {!newestFirst && more ? (
        <button type="button" className="small load-older" onClick={loadOlder} disabled={loading} aria-busy={loading}>
          {labels.loadOlder}
        </button>
      ) : null}
      {shown.length === 0 ? (
        <p className="empty">{labels.empty}</p>
      ) : (
        <ol className="timeline" data-testid="timeline" aria-busy={loading}>
          {groupAlertStorms(shown).map((group) =>
            group.length > ALERT_RUN_SHOWN_IN_FULL ? (
              <li key={`storm-${group[0]?.id}`} className="kind-alert_attached" data-kind="alert-storm">
                <details>
                  <summary>
                    <LocalTime iso={(group[0] as TShownItem).occurredAt} locale={locale} /> · {labels.alertsCollapsed.replace("{count}", String(group.length))}
                  </summary>
                  <ol className="timeline">{group.map(renderEntry)}</ol>
                </details>
              </li>
            ) : (
              group.map(renderEntry)
            ),
          )}
        </ol>
      )}
      {newestFirst && more ? (
        <button type="button" className="small load-older" onClick={loadOlder} disabled={loading} aria-busy={loading}>
          {labels.loadOlder}
        </button>
      ) : null}
    </section>
  );
}
