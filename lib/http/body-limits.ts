/** The largest JSON body an API route or alert receiver reads (README "JSON API"). */
export const MAX_JSON_BYTES = 256 * 1024;

/**
 * An SLI push carries up to 10,000 minutes (README). A bucket at its largest in practice, a minute
 * with milliseconds and an offset and both counts at 2^53 − 1, takes 92 bytes as compact JSON and
 * 126 pretty-printed with two-space indents: 10,000 of them need at most 1.26 MB, so 2 MiB holds
 * any batch of 10,000, however it is written, and refuses nothing a real sender produces.
 */
export const MAX_SLI_PUSH_BYTES = 2 * 1024 * 1024;

const SLI_PUSH_PATH = /^\/api\/slos\/[^/]+\/sli\/?$/;

/**
 * How much of a request's body is read before the request is refused with 413: every API route
 * reads at most this much, and the server stops reading there (lib/http/body-guard.ts). Pages take
 * bodies only as server actions, which Next itself refuses past 1 MB; for them this is a ceiling
 * that also holds for a path Next would route differently than it reads here.
 */
export function requestBodyLimit(pathname: string): number {
  if (SLI_PUSH_PATH.test(pathname)) return MAX_SLI_PUSH_BYTES;
  return pathname.startsWith("/api/") ? MAX_JSON_BYTES : MAX_SLI_PUSH_BYTES;
}

/** A body limit as people read it: 256 KiB, 2 MiB. */
export function formatByteLimit(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}
