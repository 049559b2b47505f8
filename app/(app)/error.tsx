"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const japanese = typeof document !== "undefined" && document.documentElement.lang === "ja";
  return (
    <div className="empty" role="alert">
      <p>{japanese ? "問題が発生しました。" : "Something went wrong."}</p>
      <button type="button" onClick={reset}>
        {japanese ? "再試行" : "Try again"}
      </button>
    </div>
  );
}
