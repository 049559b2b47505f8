import { createHash, timingSafeEqual } from "node:crypto";
import { bearerToken } from "@/lib/auth/api-token";
import { clientAddressOf } from "@/lib/auth/client-address";
import { isListedAddress, parseOutboundAllowList, type TCidr } from "@/lib/env/outbound-allow-list";
import { serverEnv } from "@/lib/env/server-env";

/** Who may scrape /metrics: a bearer token, and client addresses that need none. Both unset: nobody. */
export type TMetricsAccess = { token: string | undefined; allowList: TCidr[] };

export type TScrapeVerdict = { allowed: true } | { allowed: false; status: 401 | 403; message: string };

export function metricsAccess(token: string | undefined, allow: string | undefined): TMetricsAccess {
  return { token, allowList: parseOutboundAllowList(allow) };
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Whether a scrape may read the metrics. A token that is sent must be the right one, even from an
 * allowed address (a wrong credential is a misconfigured scraper, worth a 401 rather than silence);
 * without one, the client's address must be on the list. Never a user session: a browser's cookie
 * opens nothing here.
 */
export function scrapeVerdict(access: TMetricsAccess, authorization: string | null, clientAddress: string): TScrapeVerdict {
  const sent = bearerToken(authorization);
  if (sent !== null) {
    // Equal-length digests: the comparison takes as long whatever the token's length or content.
    if (access.token && timingSafeEqual(digest(sent), digest(access.token))) return { allowed: true };
    return { allowed: false, status: 401, message: access.token ? "Wrong metrics token" : "No metrics token is configured (FIREBREAK_METRICS_TOKEN)" };
  }
  if (isListedAddress(clientAddress, access.allowList)) return { allowed: true };
  if (access.token) return { allowed: false, status: 401, message: "Send Authorization: Bearer <FIREBREAK_METRICS_TOKEN>" };
  return {
    allowed: false,
    status: 403,
    message:
      access.allowList.length > 0
        ? "This address may not read the metrics (FIREBREAK_METRICS_ALLOW)"
        : "Metrics are off: set FIREBREAK_METRICS_TOKEN or FIREBREAK_METRICS_ALLOW",
  };
}

let configured: TMetricsAccess | undefined;

/** The verdict on a scrape under FIREBREAK_METRICS_TOKEN and FIREBREAK_METRICS_ALLOW, from the address the launcher saw. */
export function scrapeVerdictFor(request: Request): TScrapeVerdict {
  const env = serverEnv();
  configured ??= metricsAccess(env.FIREBREAK_METRICS_TOKEN, env.FIREBREAK_METRICS_ALLOW);
  return scrapeVerdict(configured, request.headers.get("authorization"), clientAddressOf(Object.fromEntries(request.headers)));
}
