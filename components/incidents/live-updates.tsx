"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

// Several entries often land together (a handoff, an alert storm): refresh once for them.
const REFRESH_DEBOUNCE_MS = 150;
// The browser gives up on a stream answered with an error (503 while the database is away, 429):
// the page opens it again itself, 2 s, 4 s … up to 30 s apart, from the last entry it got.
const REOPEN_FIRST_DELAY_MS = 2_000;
const REOPEN_MAX_DELAY_MS = 30_000;

/**
 * Keeps a server-rendered page current: listens to the timeline stream and re-renders the page
 * when anything arrives. The browser reconnects by itself, sending Last-Event-ID, and the server
 * replays what was missed; meanwhile the page says it is reconnecting. When the browser gives up
 * (the server answered with an error), the page reopens the stream itself from the last entry.
 */
export function LiveUpdates({ streamUrl, afterId, labels }: { streamUrl: string; afterId: string; labels: { live: string; reconnecting: string } }) {
  const router = useRouter();
  const [connected, setConnected] = useState(true);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let lastEventId = afterId;
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | null = null;
    let reopenDelay = REOPEN_FIRST_DELAY_MS;
    const refreshSoon = (event: MessageEvent) => {
      if (event.lastEventId) lastEventId = event.lastEventId;
      setConnected(true);
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
      refreshTimer.current = setTimeout(() => router.refresh(), REFRESH_DEBOUNCE_MS);
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
      source.addEventListener("timeline", refreshSoon);
      source.addEventListener("presence", refreshSoon);
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

  return (
    <span
      className={`live-status ${connected ? "live" : "reconnecting"}`}
      role="status"
      aria-live="polite"
      data-testid="live-status"
      data-connected={connected}
    >
      {connected ? labels.live : labels.reconnecting}
    </span>
  );
}
