"use client";

import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => {};

/**
 * A timestamp in the viewer's own time zone, with the UTC value on hover. The server renders
 * UTC (it cannot know the viewer's zone); the browser switches to local time after hydration.
 */
export function LocalTime({ iso, locale, withDate = true }: { iso: string; locale: string; withDate?: boolean }) {
  const inBrowser = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  const date = new Date(iso);
  const utc = `${iso.slice(0, 19).replace("T", " ")} UTC`;
  const text = inBrowser ? new Intl.DateTimeFormat(locale, withDate ? { dateStyle: "medium", timeStyle: "short" } : { timeStyle: "short" }).format(date) : utc;
  return (
    <time dateTime={iso} title={utc}>
      {text}
    </time>
  );
}
