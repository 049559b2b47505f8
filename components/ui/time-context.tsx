"use client";

import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import type { TTimeContext } from "@/lib/clock/format-time";

type TTimeSetting = {
  /** the zone the reader chose in their profile; null follows the browser's */
  timeZone: string | null;
  /** the instant the page was made (ISO): "today" is measured from the server's clock, as the data is */
  now: string;
};

const TimeSetting = createContext<TTimeSetting | null>(null);

/** Gives every time below it the reader's zone and the page's "now". */
export function TimeProvider({ timeZone, now, children }: TTimeSetting & { children: ReactNode }) {
  return <TimeSetting.Provider value={{ timeZone, now }}>{children}</TimeSetting.Provider>;
}

const subscribeToNothing = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The zone and "now" to format times with. Without a chosen zone the server renders UTC (it cannot
 * know the browser's zone, and a labelled UTC time is still right) and the browser switches to its
 * own zone after hydration.
 */
export function useTimeContext(locale: string): TTimeContext {
  const setting = useContext(TimeSetting);
  const zoneOfBrowser = useSyncExternalStore(subscribeToNothing, browserZone, () => null);
  const now = setting ? new Date(setting.now) : new Date();
  return { locale, timeZone: setting?.timeZone ?? zoneOfBrowser ?? "UTC", now };
}
