import type { IncomingMessage, ServerResponse } from "node:http";
import { failureAnswer, JSON_HEADERS, jsonText, type TApiAnswer, type TRouteOptions } from "@/lib/http/api";
import { EVERY_RESPONSE_HEADERS } from "@/lib/http/security-headers";
import { RECEIVER_BODY_LIMIT, receiveBearerWebhook, receivePagerDutyEvent, receivePathWebhook, type TReceivedBody } from "./receivers";
import { PAGERDUTY_ROUTE, RECEIVER_ROUTE } from "./webhook-response";

// The alert receivers answered by the server itself, before Next: its route layer costs more per
// request than storing a delivery of repeats does (docs/decisions/027). Same code as the route handlers
// (lib/alerts/receivers.ts), same answers. Only a plain POST to the exact path is taken here; anything
// else (a query string, a trailing slash, another method) goes on to Next and its routes.

type TReceiver = { receive: (request: IncomingMessage, body: TReceivedBody, pathKey: string) => Promise<TApiAnswer>; options: TRouteOptions };

// Only a key as Firebreak writes it: a segment with %-escapes (NUL, dots, malformed) goes to Next,
// which answers it as it always has.
const PATH_RECEIVER = /^\/api\/integrations\/([A-Za-z0-9_-]+)\/alerts$/;
const bearer: TReceiver = { receive: (request, body) => receiveBearerWebhook(request.headers.authorization ?? null, body), options: RECEIVER_ROUTE };
const byPath: TReceiver = { receive: (_request, body, key) => receivePathWebhook(key, body), options: RECEIVER_ROUTE };
const pagerDuty: TReceiver = { receive: (_request, body) => receivePagerDutyEvent(body), options: PAGERDUTY_ROUTE };

/** The receiver for this request, or null for Next to route it. */
export function plainReceiverFor(request: IncomingMessage): { receiver: TReceiver; pathKey: string } | null {
  if (request.method !== "POST" || !request.url) return null;
  if (request.url === "/api/ingest") return { receiver: bearer, pathKey: "" };
  if (request.url === "/api/pagerduty/v2/enqueue") return { receiver: pagerDuty, pathKey: "" };
  const key = PATH_RECEIVER.exec(request.url)?.[1];
  return key === undefined ? null : { receiver: byPath, pathKey: key };
}

/** Reads the body (cut at the route's limit as it arrives, lib/http/body-guard.ts), receives it, and answers. */
export async function serveAlertReceiver(request: IncomingMessage, response: ServerResponse, { receiver, pathKey }: { receiver: TReceiver; pathKey: string }) {
  let body: TReceivedBody;
  try {
    body = await readBody(request);
  } catch {
    // The sender went away mid-body: nobody is left to answer, and nothing was stored.
    response.destroy();
    return;
  }
  let answer: TApiAnswer;
  try {
    answer = await receiver.receive(request, body, pathKey);
  } catch (error) {
    const pathname = request.url ?? "";
    answer = failureAnswer(`POST ${receiver.options.shownPath?.(pathname) ?? pathname}`, error, receiver.options);
  }
  const text = jsonText(answer.body);
  response.writeHead(answer.status, {
    ...JSON_HEADERS,
    ...EVERY_RESPONSE_HEADERS,
    "content-length": Buffer.byteLength(text),
    ...(answer.retryAfterSeconds === undefined ? {} : { "retry-after": String(answer.retryAfterSeconds) }),
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<TReceivedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).byteLength;
  }
  return { text: Buffer.concat(chunks).toString("utf8"), tooLarge: size > RECEIVER_BODY_LIMIT };
}
