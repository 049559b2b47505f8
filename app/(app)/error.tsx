"use client";

import { useErrorMessages } from "@/components/layout/error-messages";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const { title, retry } = useErrorMessages();
  return (
    <div className="empty" role="alert">
      <p>{title}</p>
      <button type="button" onClick={reset}>
        {retry}
      </button>
    </div>
  );
}
