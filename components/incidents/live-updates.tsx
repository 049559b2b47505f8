"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

// Several entries often land together (a handoff, an alert storm): refresh once for them.
const REFRESH_DEBOUNCE_MS = 150;

/**
 * Keeps a server-rendered page current: listens to the timeline stream and re-renders the page
 * when anything arrives. The browser reconnects by itself, sending Last-Event-ID, and the server
 * replays what was missed; meanwhile the page says it is reconnecting.
 */
export function LiveUpdates({ streamUrl, afterId, labels }: { streamUrl: string; afterId: string; labels: { live: string; reconnecting: string } }) {
  const router = useRouter();
  const [connected, setConnected] = useState(true);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const source = new EventSource(`${streamUrl}?after=${afterId}`);
    source.addEventListener("open", () => setConnected(true));
    source.addEventListener("error", () => setConnected(false));
    const refreshSoon = () => {
      setConnected(true);
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
      refreshTimer.current = setTimeout(() => router.refresh(), REFRESH_DEBOUNCE_MS);
    };
    source.addEventListener("timeline", refreshSoon);
    source.addEventListener("presence", refreshSoon);
    return () => {
      source.close();
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
