import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import ipaddr from "ipaddr.js";
import { Agent, fetch as undiciFetch } from "undici";
import { serverEnv } from "@/lib/env/server-env";
import { isAllowedAddress, parseOutboundAllowList, type TCidr } from "@/lib/env/outbound-allow-list";

/**
 * Every HTTP request Firebreak makes to an address someone configured (Prometheus, outgoing
 * webhooks, SNS, single sign-on) goes through `outboundRequest`, which enforces one set of rules:
 * - only http(s), and no credentials in the URL;
 * - the address actually connected to — every address a name resolves to, checked when the
 *   connection is made, so DNS cannot swap in another — is public: loopback, private, link-local
 *   (169.254.169.254, the cloud metadata service), unique-local, carrier-grade NAT, multicast and
 *   unspecified addresses are refused unless FIREBREAK_OUTBOUND_ALLOW lists them (CIDRs, e.g.
 *   `10.0.0.0/8` for an in-cluster Prometheus);
 * - redirects are never followed to another origin (a POST's body would go with a 307), and at
 *   most three times within one;
 * - the answer is read up to a size limit, and never handed back as an error text: a caller says
 *   "answered 200 with text/html, not JSON", never what the remote server wrote.
 */

export class OutboundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundRefusedError";
  }
}

/** A DNS lookup for undici's connections that refuses any address that may not be reached. */
function checkedLookup(allowList: TCidr[]) {
  return (hostname: string, options: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((entry) => !isAllowedAddress(entry.address, allowList));
      if (refused) return callback(new OutboundRefusedError(`${hostname} resolves to ${refused.address}, a loopback, private or link-local address (allow it with FIREBREAK_OUTBOUND_ALLOW)`), []);
      const wantsAll = (options as { all?: boolean }).all;
      if (wantsAll) return callback(null, addresses);
      const [first] = addresses;
      return callback(null, first?.address ?? "", first?.family);
    });
  };
}

/** An allow-list and the connection pool that enforces it when it connects. */
export type TOutboundRules = { allowList: TCidr[]; agent: Agent };

/** The rules for an allow-list written as FIREBREAK_OUTBOUND_ALLOW is (tests pass their own to outboundRequest). */
export function outboundRules(allowList: string | undefined): TOutboundRules {
  const parsed = parseOutboundAllowList(allowList);
  return { allowList: parsed, agent: new Agent({ connect: { lookup: checkedLookup(parsed) as never }, connectTimeout: 5_000 }) };
}

let configuredRules: TOutboundRules | undefined;
/** The rules FIREBREAK_OUTBOUND_ALLOW sets, made once per process. */
const configured = () => (configuredRules ??= outboundRules(serverEnv().FIREBREAK_OUTBOUND_ALLOW));

export type TOutboundRequest = {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** text, or bytes (an encrypted Web Push message) */
  body?: string | Uint8Array;
  timeoutMs?: number;
  /** the answer is read up to this many bytes; more is an error */
  maxResponseBytes?: number;
};

export type TOutboundResponse = { status: number; contentType: string; body: string; url: string };

const MAX_REDIRECTS = 3;

function checkedUrl(raw: string, allowList: TCidr[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefusedError("is not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundRefusedError(`${url.protocol} URLs are not fetched, only http(s)`);
  if (url.username || url.password) throw new OutboundRefusedError("URLs with credentials in them are not fetched");
  // An address written as an IP never goes through DNS: check it here.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host) && !isAllowedAddress(host, allowList)) {
    throw new OutboundRefusedError(`${host} is a loopback, private or link-local address (allow it with FIREBREAK_OUTBOUND_ALLOW)`);
  }
  return url;
}

async function readCapped(response: Awaited<ReturnType<typeof undiciFetch>>, limit: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > limit) {
        await response.body.cancel().catch(() => {});
        throw new OutboundRefusedError(`answered with more than ${Math.round(limit / 1024)} KiB`);
      }
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * One HTTP request under the rules above (FIREBREAK_OUTBOUND_ALLOW's unless others are given); throws
 * OutboundRefusedError for what the rules refuse, and network errors as they come.
 */
export async function outboundRequest(request: TOutboundRequest, rules: TOutboundRules = configured()): Promise<TOutboundResponse> {
  let url = checkedUrl(request.url, rules.allowList);
  const origin = url.origin;
  const signal = AbortSignal.timeout(request.timeoutMs ?? 10_000);
  for (let redirects = 0; ; redirects += 1) {
    const response = await undiciFetch(url, {
      method: request.method ?? "GET",
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal,
      dispatcher: rules.agent,
    });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel().catch(() => {});
      const next = new URL(location, url);
      if (next.origin !== origin) throw new OutboundRefusedError(`answered ${response.status} with a redirect to another host (${next.host}); redirects to other hosts are not followed`);
      if (redirects >= MAX_REDIRECTS) throw new OutboundRefusedError(`answered with more than ${MAX_REDIRECTS} redirects`);
      url = checkedUrl(next.toString(), rules.allowList);
      continue;
    }
    const contentType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() || "no content type";
    return { status: response.status, contentType, body: await readCapped(response, request.maxResponseBytes ?? 5 * 1024 * 1024), url: url.toString() };
  }
}

/** The cause of a failed request in words fit for a person (and a log), never the remote body. */
export function describeOutboundFailure(error: unknown): string {
  if (error instanceof OutboundRefusedError) return error.message;
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof OutboundRefusedError) return cause.message;
  if (error instanceof Error && error.name === "TimeoutError") return "did not answer in time";
  const code = (cause as { code?: string })?.code;
  return code ? `could not be reached (${code})` : `could not be reached (${error instanceof Error ? error.message : String(error)})`;
}
