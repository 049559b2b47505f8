import { DomainError, type TErrorKey } from "@/lib/errors";
import type { AlertSource } from "@/lib/generated/prisma/enums";
import type { TMessageVars } from "@/lib/i18n/message";
import type { TApiAnswer, TApiProblem, TRouteOptions } from "@/lib/http/api";
import type { TIngestOutcome } from "./ingest";

type TDialect = "firebreak" | "pagerduty";

/**
 * A delivery a receiver refuses, thrown for apiRoute to answer like any error; PagerDuty-style
 * integrations are answered in PagerDuty's shape. apiRoute does not log it: a webhook URL's path
 * holds the integration key, and ingest logs each refused delivery under the integration's name
 * (over the rate limit, once a minute).
 */
export class ReceiverRefusal extends DomainError {
  constructor(
    readonly dialect: TDialect,
    status: DomainError["status"],
    code: string,
    key: TErrorKey,
    vars?: TMessageVars,
    retryAfterSeconds?: number,
  ) {
    super(status, code, key, vars, { retryAfterSeconds });
    this.name = "ReceiverRefusal";
  }
}

export const unknownIntegration = () => new ReceiverRefusal("firebreak", 404, "not_found", "errors.receiver.unknownIntegration");

/** A PagerDuty event refused before any integration read it. */
export const invalidPagerDutyEvent = (status: 400 | 404 | 413, key: TErrorKey, vars?: TMessageVars) =>
  new ReceiverRefusal("pagerduty", status, "invalid_event", key, vars);

/** Any failure of the PagerDuty endpoint, in PagerDuty's shape: senders written for PagerDuty read `errors`. */
export function pagerDutyError(problem: TApiProblem) {
  if (problem.status === 429) return { status: "throttle exceeded", message: "Too many requests", errors: [problem.message] };
  return problem.status < 500
    ? { status: "invalid event", message: "Event object is invalid", errors: [problem.message] }
    : { status: "error", message: problem.message, errors: [problem.message] };
}

/** The error JSON of the receivers that serve every source: PagerDuty's shape for a PagerDuty-style integration's refusals. */
export function receiverErrorBody(problem: TApiProblem, error: unknown) {
  if (error instanceof ReceiverRefusal && error.dialect === "pagerduty") return pagerDutyError(problem);
  const { status: _status, ...body } = problem;
  return body;
}

/** A receiver's path as logged: `/api/integrations/<key>/alerts` holds the integration key, a secret. */
const shownReceiverPath = (pathname: string) => pathname.replace(/^\/api\/integrations\/[^/]+\/alerts$/, "/api/integrations/…/alerts");

/** apiRoute's options for the alert receivers. */
export const RECEIVER_ROUTE: TRouteOptions = {
  errorBody: receiverErrorBody,
  unlogged: (error: unknown) => error instanceof ReceiverRefusal,
  shownPath: shownReceiverPath,
};

/** apiRoute's options for the PagerDuty Events API receiver: every failure in PagerDuty's shape. */
export const PAGERDUTY_ROUTE: TRouteOptions = { ...RECEIVER_ROUTE, errorBody: pagerDutyError };

/** The answer to an accepted delivery; a refused one (rejected, or over the rate) is thrown as a ReceiverRefusal. */
export function webhookAnswer(source: AlertSource, outcome: TIngestOutcome): TApiAnswer {
  if (!outcome.accepted) {
    const code = outcome.retryAfterSeconds === undefined ? "rejected" : "rate_limited";
    throw new ReceiverRefusal(
      source === "pagerduty" ? "pagerduty" : "firebreak",
      outcome.httpStatus,
      code,
      "errors.receiver.refused",
      { reason: outcome.reason },
      outcome.retryAfterSeconds,
    );
  }
  if (source === "pagerduty") return { status: 202, body: { status: "success", message: "Event processed", dedup_key: outcome.responseKey } };
  const { accepted: _accepted, httpStatus, ...summary } = outcome;
  return { status: httpStatus, body: { status: "accepted", ...summary } };
}
