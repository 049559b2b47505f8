"use client";

import { useState } from "react";

/** A date-time picker in the viewer's time zone that submits the moment as UTC ISO 8601. */
export function LocalDateTimeInput({ name, id }: { name: string; id: string }) {
  const [iso, setIso] = useState("");
  return (
    <>
      <input
        id={id}
        type="datetime-local"
        onChange={(event) => {
          const value = event.currentTarget.value;
          setIso(value ? new Date(value).toISOString() : "");
        }}
      />
      <input type="hidden" name={name} value={iso} />
    </>
  );
}
