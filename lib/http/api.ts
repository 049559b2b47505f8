import { z } from "zod";
import { bearerToken } from "@/lib/auth/api-token";
import { assertCan, type TActor, type TPermission } from "@/lib/auth/permissions";
import { sessionActorFromRequest } from "@/lib/auth/request-session";
import { DomainError } from "@/lib/errors";
import { isDatabaseUnavailable, outageLogger } from "@/lib/db/unavailable";
import { Prisma } from "@/lib/generated/prisma/client";
import { findActorByApiToken } from "@/lib/users/service";
import { readBodyCapped } from "./body";
import { formatByteLimit, requestBodyLimit } from "./body-limits";
import { JsonBodyError, parseJsonBody } from "./json-body";

type TIssue = { path: string; message: string };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: TIssue[],
  ) {
    super(message);
  }
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The caller: a personal API token (`Authorization: Bearer`) or the browser session.
 * Session calls that change things must come from our own origin.
 */
export async function requireApiActor(request: Request, permission?: TPermission): Promise<TActor> {
  const token = bearerToken(request.headers.get("authorization"));
  let actor: TActor | null;
  if (token) {
    actor = await findActorByApiToken(token);
  } else {
    if (UNSAFE_METHODS.has(request.method) && isFromAnotherOrigin(request)) {
      throw new HttpError(403, "cross_origin", "Cross-origin requests must use an API token");
    }
    actor = await sessionActorFromRequest(request);
  }
  if (!actor) throw new HttpError(401, "unauthenticated", "Sign in, or send Authorization: Bearer <API token>");
  if (permission) assertCan(actor, permission);
  return actor;
}

/**
 * The caller, for what only a person signed in at a browser may do: a valid API token is refused
 * (403) with `refusal`, so a leaked token cannot be used to make more of itself.
 */
export async function requireSessionActor(request: Request, refusal: string): Promise<TActor> {
  const actor = await requireApiActor(request);
  if (bearerToken(request.headers.get("authorization"))) throw new HttpError(403, "session_required", refusal);
  return actor;
}

/**
 * Whether a browser sent the request from a page of another site. An origin that is not a URL of
 * this host counts as another: `null` comes from sandboxed frames and cross-site redirects.
 */
function isFromAnotherOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  return !URL.canParse(origin) || new URL(origin).host !== request.headers.get("host");
}

/**
 * Reads a body as the text it arrived as (a signed body is checked byte for byte), under the route's
 * body limit (lib/http/body-limits.ts), enforced while reading so an oversized body is never held whole.
 */
export async function readText(request: Request): Promise<string> {
  const limit = requestBodyLimit(new URL(request.url).pathname);
  const tooLarge = new HttpError(413, "too_large", `The body is larger than ${formatByteLimit(limit)}`);
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge;
  const body = await readBodyCapped(request, limit);
  if (body.tooLarge) throw tooLarge;
  return body.text;
}

/** Reads and validates a JSON body (under the route's body limit, as readText); the error names each invalid field. */
export async function readJson<TSchema extends z.ZodType>(request: Request, schema: TSchema): Promise<z.infer<TSchema>> {
  const text = await readText(request);
  let parsed: unknown;
  try {
    parsed = parseJsonBody(text);
  } catch (error) {
    if (!(error instanceof JsonBodyError)) throw error;
    throw error.field ? new HttpError(400, "invalid_request", error.message, [error.field]) : new HttpError(400, "invalid_json", error.message);
  }
  return parseInput(schema, parsed);
}

/** Validates input with a zod schema; the error names each invalid field, and each unknown one. */
export function parseInput<TSchema extends z.ZodType>(schema: TSchema, input: unknown): z.infer<TSchema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue): TIssue[] =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: [...issue.path, key].join("."), message: "is not a known field" }))
      : [{ path: issue.path.join(".") || "(body)", message: issue.message }],
  );
  throw new HttpError(400, "invalid_request", issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "), issues);
}

export function searchParams(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** A JSON body with BigInt ids (timeline entries) written as strings. */
export const jsonText = (body: unknown) => JSON.stringify(body, (_key, value) => (typeof value === "bigint" ? value.toString() : value));

/** The headers of every JSON answer. */
export const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } as const;

/** JSON with BigInt ids (timeline entries) written as strings. */
export function json(body: unknown, status = 200): Response {
  return new Response(jsonText(body), { status, headers: JSON_HEADERS });
}

/** What went wrong, as every error answer of the API carries it. */
export type TApiProblem = { status: number; error: string; message: string; issues?: TIssue[] };

const INTERNAL_ERROR: TApiProblem = { status: 500, error: "internal", message: "Something went wrong on the server; it has been logged" };
const DATABASE_UNAVAILABLE: TApiProblem = {
  status: 503,
  error: "database_unavailable",
  message: "The database cannot be reached right now; nothing was changed. Try again shortly.",
};
// Senders such as Alertmanager retry a 503; this tells them (and API clients) when.
const RETRY_AFTER_SECONDS = 5;
const logOutage = outageLogger((line) => console.error(line));

/** What a failure is answered with, logged as it deserves; `where` names the request ("POST /api/ingest"). */
function problemOf(where: string, error: unknown, options: TRouteOptions): TApiProblem {
  if (error instanceof HttpError || error instanceof DomainError) {
    if (!options.unlogged?.(error)) console.warn(`[api] ${where} → ${error.status} ${error.code}: ${error.message}`);
    return { status: error.status, error: error.code, message: error.message, ...(error instanceof HttpError && error.issues ? { issues: error.issues } : {}) };
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    console.warn(`[api] ${where} → 409 conflict: unique constraint`);
    return { status: 409, error: "conflict", message: "That conflicts with an existing record" };
  }
  if (isDatabaseUnavailable(error)) {
    logOutage(`[api] ${where} → 503: the database cannot be reached (${error instanceof Error ? error.message.trim().split("\n").pop() : String(error)})`);
    return DATABASE_UNAVAILABLE;
  }
  console.error(`[api] ${where} → 500`, error);
  return INTERNAL_ERROR;
}

/**
 * Ids and query parameters reach SQL as text, where PostgreSQL refuses NUL: they are refused here,
 * with the parameter named, rather than failing in the database.
 */
function assertNoNulCharacters(request: Request, params: unknown) {
  const named = [...Object.entries(params ?? {}), ...new URL(request.url).searchParams];
  const issues = named.flatMap(([name, value]): TIssue[] =>
    [name, value].flat().some((text) => typeof text === "string" && text.includes("\0"))
      ? [{ path: name.replaceAll("\0", "\\u0000"), message: "must not contain a NUL character" }]
      : [],
  );
  if (issues.length > 0) throw new HttpError(400, "invalid_request", issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "), issues);
}

type TRouteContext<TParams> = { params: Promise<TParams> };
export type TRouteOptions = {
  /** shapes the error JSON for endpoints that speak another API's dialect (PagerDuty's Events API) */
  errorBody?: (problem: TApiProblem, error: unknown) => unknown;
  /** refusals not to log here: the domain logs them in its own words, or the request's path holds a secret */
  unlogged?: (error: unknown) => boolean;
  /** the path as logged, for a route whose path holds a secret */
  shownPath?: (pathname: string) => string;
};

/**
 * Wraps a route handler: ids and query parameters are checked, and every failure becomes a JSON
 * error with the right status, and is logged.
 */
export function apiRoute<TParams = Record<string, never>>(handler: (request: Request, params: TParams) => Promise<Response>, options: TRouteOptions = {}) {
  return async (request: Request, context: TRouteContext<TParams>) => {
    try {
      const params = await context.params;
      assertNoNulCharacters(request, params);
      return await handler(request, params);
    } catch (error) {
      const pathname = new URL(request.url).pathname;
      const answer = failureAnswer(`${request.method} ${options.shownPath?.(pathname) ?? pathname}`, error, options);
      const response = json(answer.body, answer.status);
      if (answer.retryAfterSeconds !== undefined) response.headers.set("retry-after", String(answer.retryAfterSeconds));
      return response;
    }
  };
}

/** An answer in the API's terms, for handlers that write it to an HTTP response themselves. */
export type TApiAnswer = { status: number; body: unknown; retryAfterSeconds?: number };

/** The answer to a failed request (apiRoute's, and the alert receivers' outside Next): status, error JSON, and when to retry. */
export function failureAnswer(where: string, error: unknown, options: TRouteOptions = {}): TApiAnswer {
  const { status, ...problem } = problemOf(where, error, options);
  const retryAfterSeconds = status === 503 ? RETRY_AFTER_SECONDS : error instanceof DomainError ? error.retryAfterSeconds : undefined;
  return { status, body: options.errorBody ? options.errorBody({ status, ...problem }, error) : problem, retryAfterSeconds };
}

export function notFoundResponse(what: string) {
  return json({ error: "not_found", message: `${what} not found` }, 404);
}
