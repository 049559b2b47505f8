import type { TApiProblem } from "@/lib/http/api";
import type { TIngestOutcome } from "./ingest";

const json = (body: unknown, status: number) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

export const unknownIntegrationResponse = () => json({ error: "not_found", message: "Unknown integration key" }, 404);

/** PagerDuty's answer to an event it refuses. */
export const pagerDutyInvalidEvent = (status: number, error: string) =>
  json({ status: "invalid event", message: "Event object is invalid", errors: [error] }, status);

/** Any failure of the PagerDuty endpoint, in PagerDuty's shape: senders written for PagerDuty read `errors`. */
export const pagerDutyError = (problem: TApiProblem) =>
  problem.status < 500
    ? { status: "invalid event", message: "Event object is invalid", errors: [problem.message] }
    : { status: "error", message: problem.message, errors: [problem.message] };

/** A delivery refused for rate: 429 with Retry-After, in PagerDuty's shape for PagerDuty-style senders. */
function rateLimitedResponse(source: string, reason: string, retryAfterSeconds: number): Response {
  const response =
    source === "pagerduty"
      ? json({ status: "throttle exceeded", message: "Too many requests", errors: [reason] }, 429)
      : json({ error: "rate_limited", message: reason }, 429);
  response.headers.set("retry-after", String(retryAfterSeconds));
  return response;
}

/** The answer a sender gets; PagerDuty-style senders get PagerDuty's own response shape. */
export function webhookResponse(source: string, outcome: TIngestOutcome): Response {
  if (!outcome.accepted && outcome.retryAfterSeconds !== undefined) return rateLimitedResponse(source, outcome.reason, outcome.retryAfterSeconds);
  if (source === "pagerduty") {
    return outcome.accepted
      ? json({ status: "success", message: "Event processed", dedup_key: outcome.responseKey }, 202)
      : pagerDutyInvalidEvent(outcome.httpStatus, outcome.reason);
  }
  if (!outcome.accepted) return json({ error: "rejected", message: outcome.reason }, outcome.httpStatus);
  const { accepted: _accepted, httpStatus, ...summary } = outcome;
  return json({ status: "accepted", ...summary }, httpStatus);
}
