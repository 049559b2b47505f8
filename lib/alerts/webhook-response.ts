import type { TIngestOutcome } from "./ingest";

const json = (body: unknown, status: number) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

export const unknownIntegrationResponse = () => json({ error: "not_found", message: "Unknown integration key" }, 404);

/** The answer a sender gets; PagerDuty-style senders get PagerDuty's own response shape. */
export function webhookResponse(source: string, outcome: TIngestOutcome): Response {
  if (source === "pagerduty") {
    return outcome.accepted
      ? json({ status: "success", message: "Event processed", dedup_key: outcome.responseKey }, 202)
      : json({ status: "invalid event", message: "Event object is invalid", errors: [outcome.reason] }, outcome.httpStatus);
  }
  if (!outcome.accepted) return json({ error: "rejected", message: outcome.reason }, outcome.httpStatus);
  const { accepted: _accepted, httpStatus, ...summary } = outcome;
  return json({ status: "accepted", ...summary }, httpStatus);
}
