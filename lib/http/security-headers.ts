/**
 * The Content-Security-Policy of every page: scripts only from Firebreak itself and Next's inline
 * scripts carrying this response's nonce ('strict-dynamic' lets those load the chunks they need).
 * Style attributes (React's `style`, charts, the editor) cannot carry a nonce, hence
 * 'unsafe-inline' for styles only. Live updates (SSE) and /collab WebSockets are same-origin.
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Powerful browser features Firebreak never uses, switched off for every page. */
export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

/** HSTS once the public URL is https: a year, so a browser never tries plain http again. */
export const strictTransportSecurity = (publicUrl: string | undefined) =>
  publicUrl?.startsWith("https://") ? "max-age=31536000; includeSubDomains" : null;

/** Headers on every answer, pages and API alike (next.config.ts, and the handlers that answer outside Next). */
export const EVERY_RESPONSE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
} as const;
