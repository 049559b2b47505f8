/** One Server-Sent Event; the id lets a reconnecting browser say where it stopped (Last-Event-ID). */
export function encodeSseEvent(event: { id?: string; event?: string; data: unknown }): string {
  const lines: string[] = [];
  if (event.id !== undefined) lines.push(`id: ${event.id}`);
  if (event.event) lines.push(`event: ${event.event}`);
  for (const line of JSON.stringify(event.data).split("\n")) lines.push(`data: ${line}`);
  return `${lines.join("\n")}\n\n`;
}

/** A comment line: keeps proxies from closing an idle stream. */
export const SSE_HEARTBEAT = ": heartbeat\n\n";

/** Where a stream resumes: the browser's Last-Event-ID header, else `?after=`, else the beginning. */
export function resumeAfter(lastEventId: string | null, after: string | null): bigint {
  for (const candidate of [lastEventId, after]) {
    if (candidate && /^\d{1,18}$/.test(candidate)) return BigInt(candidate);
  }
  return 0n;
}

export const SSE_RESPONSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};
