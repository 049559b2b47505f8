import { outboundRequest, type TOutboundResponse } from "@/lib/http/outbound";
import { isSuccessStatus } from "../rules";

/** A delivery the receiver refused or could not take; the message is for the attempt's record and the log, never a secret. */
export class ChannelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChannelError";
  }
}

export const SEND_TIMEOUT_MS = 10_000;

/**
 * One POST to a channel through the outbound module (address rules, no redirects to other hosts,
 * capped answers). A status outside 2xx is an error naming the status only: a receiver's answer
 * may echo what it was sent, and is never copied into a record.
 */
export async function postToChannel(request: { url: string; headers: Record<string, string>; body: string | Uint8Array }): Promise<TOutboundResponse> {
  const response = await outboundRequest({
    url: request.url,
    method: "POST",
    headers: { "user-agent": "Firebreak", ...request.headers },
    body: request.body,
    timeoutMs: SEND_TIMEOUT_MS,
    maxResponseBytes: 64 * 1024,
  });
  if (!isSuccessStatus(response.status)) throw new ChannelError(`answered HTTP ${response.status}`);
  return response;
}

/** A JSON answer's field, or undefined when the answer is not JSON. */
export function jsonField(body: string, field: string): unknown {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>)[field] : undefined;
  } catch {
    return undefined;
  }
}

/** A base URL and a path joined with exactly one slash. */
export const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
