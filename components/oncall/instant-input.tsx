"use client";

import { useEffect, useRef, useState } from "react";

const localValue = (iso: string) => {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/**
 * A date-time field in the viewer's zone that submits a UTC instant, optionally filled in (e.g. the
 * span of a shift for "cover for me"). The value is filled after hydration: only the browser knows its zone.
 */
export function InstantInput({ name, id, defaultIso, required }: { name: string; id: string; defaultIso?: string; required?: boolean }) {
  const [iso, setIso] = useState(defaultIso ?? "");
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (defaultIso && input.current) input.current.value = localValue(defaultIso);
  }, [defaultIso]);
  return (
    <>
      <input
        ref={input}
        id={id}
        type="datetime-local"
        required={required}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setIso(value ? new Date(value).toISOString() : "");
        }}
      />
      <input type="hidden" name={name} value={iso} />
    </>
  );
}
