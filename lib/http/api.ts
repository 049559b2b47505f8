import { z } from "zod";
import { bearerToken } from "@/lib/auth/api-token";
import { assertCan, type TActor, type TPermission } from "@/lib/auth/permissions";
import { sessionUserIdFromRequest } from "@/lib/auth/request-session";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { findActiveActor } from "@/lib/users/queries";
import { findActorByApiToken } from "@/lib/users/service";

const MAX_JSON_BYTES = 256 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: { path: string; message: string }[],
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
    const userId = await sessionUserIdFromRequest(request);
    actor = userId ? await findActiveActor(userId) : null;
  }
  if (!actor) throw new HttpError(401, "unauthenticated", "Sign in, or send Authorization: Bearer <API token>");
  if (permission) assertCan(actor, permission);
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

/** Reads and validates a JSON body; the error names each invalid field. */
export async function readJson<TSchema extends z.ZodType>(request: Request, schema: TSchema): Promise<z.infer<TSchema>> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_JSON_BYTES) throw new HttpError(413, "too_large", `The body is larger than ${MAX_JSON_BYTES} bytes`);
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw new HttpError(413, "too_large", `The body is larger than ${MAX_JSON_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "invalid_json", "The body is not valid JSON");
  }
  return parseInput(schema, body);
}

export function parseInput<TSchema extends z.ZodType>(schema: TSchema, input: unknown): z.infer<TSchema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join(".") || "(body)", message: issue.message }));
  throw new HttpError(400, "invalid_request", issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "), issues);
}

export function searchParams(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** JSON with BigInt ids (timeline entries) written as strings. */
export function json(body: unknown, status = 200): Response {
  return new Response(
    JSON.stringify(body, (_key, value) => (typeof value === "bigint" ? value.toString() : value)),
    {
      status,
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
    },
  );
}

function errorResponse(request: Request, error: unknown): Response {
  const where = `${request.method} ${new URL(request.url).pathname}`;
  if (error instanceof HttpError || error instanceof DomainError) {
    console.warn(`[api] ${where} → ${error.status} ${error.code}: ${error.message}`);
    return json({ error: error.code, message: error.message, ...(error instanceof HttpError && error.issues ? { issues: error.issues } : {}) }, error.status);
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    console.warn(`[api] ${where} → 409 conflict: unique constraint`);
    return json({ error: "conflict", message: "That conflicts with an existing record" }, 409);
  }
  console.error(`[api] ${where} → 500`, error);
  return json({ error: "internal", message: "Something went wrong on the server; it has been logged" }, 500);
}

type TRouteContext<TParams> = { params: Promise<TParams> };

/** Wraps a route handler: every failure becomes a JSON error with the right status, and is logged. */
export function apiRoute<TParams = Record<string, never>>(handler: (request: Request, params: TParams) => Promise<Response>) {
  return async (request: Request, context: TRouteContext<TParams>) => {
    try {
      return await handler(request, await context.params);
    } catch (error) {
      return errorResponse(request, error);
    }
  };
}

export function notFoundResponse(what: string) {
  return json({ error: "not_found", message: `${what} not found` }, 404);
}
