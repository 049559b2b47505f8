"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { IncidentStatus, Severity, TimelineEntryKind } from "@/lib/generated/prisma/enums";

/** A timeline entry as the live stream sends it (lib/timeline/stream.ts). */
export type TLiveEntry = {
  id: string;
  kind: TimelineEntryKind;
  occurredAt: string;
  actor: string;
  actorId: string;
  body: string | null;
  keyEvent: boolean;
  edited: boolean;
  detail: Record<string, unknown> | null;
};

type TRoomState = { status: IncidentStatus; severity: Severity };

type TRoomLive = TRoomState & {
  connected: boolean;
  /** a change this page made, shown at once until the stream confirms it (or it fails) */
  pending: Partial<TRoomState>;
  expect: (change: Partial<TRoomState>) => void;
  /** the change is done (`confirmed`: as the server applied it) or failed: stop showing it as pending */
  settle: (fields: (keyof TRoomState)[], confirmed?: Partial<TRoomState>) => void;
  onEntry: (listener: (entry: TLiveEntry) => void) => () => void;
};

const RoomLiveContext = createContext<TRoomLive | null>(null);

export function useRoomLive(): TRoomLive {
  const room = useContext(RoomLiveContext);
  if (!room) throw new Error("useRoomLive outside RoomLive");
  return room;
}

// Entries that only the feed shows: applied there, without re-rendering the rest of the room.
const FEED_ONLY: readonly TimelineEntryKind[] = ["note", "key_event_marked"];
// Several entries often land together (a handoff, an alert storm): the room's panels re-render once for them.
const REFRESH_DEBOUNCE_MS = 150;
// The browser gives up on a stream answered with an error (503 while the database is away, 429):
// the page opens it again itself, 2 s, 4 s … up to 30 s apart, from the last entry it got.
const REOPEN_FIRST_DELAY_MS = 2_000;
const REOPEN_MAX_DELAY_MS = 30_000;

/**
 * The incident room's live state. It listens to the incident's timeline stream and applies each
 * entry where it belongs: a status or severity change to the header and its controls at once, every
 * entry to the feed (which fetches it described in the viewer's language), and only entries that
 * change the other panels (roles, checklists, updates, alerts, postmortem) re-render the page. The
 * browser reconnects by itself with Last-Event-ID and the server replays what was missed; when the
 * browser gives up (the server answered with an error), the page reopens the stream itself.
 */
export function RoomLive({
  streamUrl,
  afterId,
  status,
  severity,
  children,
}: {
  streamUrl: string;
  afterId: string;
  status: IncidentStatus;
  severity: Severity;
  children: ReactNode;
}) {
  const router = useRouter();
  const [connected, setConnected] = useState(true);
  const [live, setLive] = useState<TRoomState>({ status, severity });
  const [rendered, setRendered] = useState<TRoomState>({ status, severity });
  const [pending, setPending] = useState<Partial<TRoomState>>({});
  const listeners = useRef(new Set<(entry: TLiveEntry) => void>());
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // A re-render of the page (after a refresh) brings the state as the server read it.
  if (rendered.status !== status || rendered.severity !== severity) {
    setRendered({ status, severity });
    setLive({ status, severity });
  }

  useEffect(() => {
    let lastEventId = afterId;
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | null = null;
    let reopenDelay = REOPEN_FIRST_DELAY_MS;
    const refreshSoon = () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
      refreshTimer.current = setTimeout(() => router.refresh(), REFRESH_DEBOUNCE_MS);
    };
    const onTimeline = (event: MessageEvent<string>) => {
      if (event.lastEventId) lastEventId = event.lastEventId;
      setConnected(true);
      const entry = JSON.parse(event.data) as TLiveEntry;
      if (entry.kind === "status_changed" && entry.detail) {
        const to = entry.detail.to as IncidentStatus;
        setLive((state) => ({ ...state, status: to }));
        setPending(({ status: _status, ...rest }) => rest);
      }
      if (entry.kind === "severity_changed" && entry.detail) {
        const to = entry.detail.to as Severity;
        setLive((state) => ({ ...state, severity: to }));
        setPending(({ severity: _severity, ...rest }) => rest);
      }
      for (const listener of listeners.current) listener(entry);
      if (!FEED_ONLY.includes(entry.kind)) refreshSoon();
    };
    const open = () => {
      source = new EventSource(`${streamUrl}?after=${lastEventId}`);
      source.addEventListener("open", () => {
        setConnected(true);
        reopenDelay = REOPEN_FIRST_DELAY_MS;
      });
      source.addEventListener("error", () => {
        setConnected(false);
        // Still CONNECTING: the browser retries by itself. CLOSED: it gave up, so the page tries again.
        if (source?.readyState !== EventSource.CLOSED) return;
        source.close();
        reopenTimer = setTimeout(() => void reopen(), reopenDelay);
        reopenDelay = Math.min(reopenDelay * 2, REOPEN_MAX_DELAY_MS);
      });
      source.addEventListener("timeline", onTimeline);
      source.addEventListener("presence", () => {
        setConnected(true);
        refreshSoon();
      });
    };
    const reopen = async () => {
      // A session that ended (signed out elsewhere, disabled) will not come back: reload to the sign-in page.
      const me = await fetch("/api/me", { cache: "no-store" }).catch(() => null);
      if (me?.status === 401) window.location.reload();
      else open();
    };
    open();
    return () => {
      source?.close();
      if (reopenTimer) clearTimeout(reopenTimer);
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    };
    // The stream starts from the entries the page was first rendered with; refreshes don't restart it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [streamUrl]);

  const expect = useCallback((change: Partial<TRoomState>) => setPending((current) => ({ ...current, ...change })), []);
  const settle = useCallback((fields: (keyof TRoomState)[], confirmed?: Partial<TRoomState>) => {
    if (confirmed) setLive((state) => ({ ...state, ...confirmed }));
    setPending((current) => Object.fromEntries(Object.entries(current).filter(([field]) => !fields.includes(field as keyof TRoomState))));
  }, []);
  const onEntry = useCallback((listener: (entry: TLiveEntry) => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const value = useMemo(() => ({ ...live, connected, pending, expect, settle, onEntry }), [live, connected, pending, expect, settle, onEntry]);
  return <RoomLiveContext.Provider value={value}>{children}</RoomLiveContext.Provider>;
}

/** "Live" or "Reconnecting…", announced politely. */
export function RoomLiveStatus({ labels }: { labels: { live: string; reconnecting: string } }) {
  const { connected } = useRoomLive();
  return (
    <span className={`live-status ${connected ? "live" : "reconnecting"}`} role="status" aria-live="polite" data-testid="live-status" data-connected={connected}>
      {connected ? labels.live : labels.reconnecting}
    </span>
  );
}
